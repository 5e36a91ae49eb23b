import FieldOpsCore

/// Where and how the S3-compatible store is reached. Path-style addressing
/// (`endpoint/bucket/key`), which every S3-compatible server accepts.
public struct S3Configuration: Sendable {
    /// `http(s)://host[:port]`, without a path.
    public var endpoint: String
    public var bucket: String
    public var region: String
    public var accessKeyID: String
    public var secretAccessKey: String
    /// Objects larger than this go up in parts.
    public var multipartThreshold: Int
    /// The size of each part but the last; S3 requires at least 5 MiB.
    public var partSize: Int
    public var requestTimeout: Duration

    public static let minimumPartSize = 5 * 1024 * 1024

    public init(
        endpoint: String, bucket: String, region: String, accessKeyID: String, secretAccessKey: String,
        multipartThreshold: Int = 16 * 1024 * 1024, partSize: Int = 8 * 1024 * 1024, requestTimeout: Duration = .seconds(60)
    ) throws(ConfigurationError) {
        let schemeless = endpoint.hasPrefix("https://") ? endpoint.dropFirst(8) : endpoint.hasPrefix("http://") ? endpoint.dropFirst(7) : nil
        guard let schemeless, !schemeless.isEmpty, !schemeless.contains("/") || schemeless.hasSuffix("/") && schemeless.dropLast().allSatisfy({ $0 != "/" }) else {
            throw ConfigurationError(variable: "FIELDOPS_S3_ENDPOINT", value: endpoint, expected: "http(s)://host[:port] without a path")
        }
        guard (3...63).contains(bucket.count), bucket.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" || $0 == "." }) else {
            throw ConfigurationError(variable: "FIELDOPS_S3_BUCKET", value: bucket, expected: "a bucket name (3–63 of a-z 0-9 . -)")
        }
        guard partSize >= Self.minimumPartSize else {
            throw ConfigurationError(variable: "FIELDOPS_S3_PART_SIZE_BYTES", value: "\(partSize)", expected: "at least \(Self.minimumPartSize)")
        }
        guard multipartThreshold >= partSize else {
            throw ConfigurationError(variable: "FIELDOPS_S3_MULTIPART_THRESHOLD_BYTES", value: "\(multipartThreshold)", expected: "at least the part size")
        }
        self.endpoint = endpoint.hasSuffix("/") ? String(endpoint.dropLast()) : endpoint
        self.bucket = bucket
        self.region = region
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.multipartThreshold = multipartThreshold
        self.partSize = partSize
        self.requestTimeout = requestTimeout
    }

    /// `FIELDOPS_S3_ENDPOINT`, `_BUCKET`, `_REGION` (default us-east-1), `_ACCESS_KEY_ID`,
    /// `_SECRET_ACCESS_KEY`, `_MULTIPART_THRESHOLD_BYTES` (16 MiB), `_PART_SIZE_BYTES` (8 MiB),
    /// `_TIMEOUT_MS` (60 s).
    public init(environment: Environment) throws(ConfigurationError) {
        func required(_ name: String) throws(ConfigurationError) -> String {
            guard let value = environment.string(name) else {
                throw ConfigurationError(variable: name, value: "", expected: "a value when FIELDOPS_BLOB_STORE=s3")
            }
            return value
        }
        try self.init(
            endpoint: try required("FIELDOPS_S3_ENDPOINT"), bucket: try required("FIELDOPS_S3_BUCKET"),
            region: environment.string("FIELDOPS_S3_REGION", default: "us-east-1"),
            accessKeyID: try required("FIELDOPS_S3_ACCESS_KEY_ID"), secretAccessKey: try required("FIELDOPS_S3_SECRET_ACCESS_KEY"),
            multipartThreshold: try environment.int("FIELDOPS_S3_MULTIPART_THRESHOLD_BYTES", default: 16 * 1024 * 1024),
            partSize: try environment.int("FIELDOPS_S3_PART_SIZE_BYTES", default: 8 * 1024 * 1024),
            requestTimeout: try environment.milliseconds("FIELDOPS_S3_TIMEOUT_MS", default: .seconds(60))
        )
    }

    /// The `Host` header the requests carry (and sign): the endpoint without its scheme.
    var host: String {
        String(endpoint.drop { $0 != "/" }.dropFirst(2))
    }
}
