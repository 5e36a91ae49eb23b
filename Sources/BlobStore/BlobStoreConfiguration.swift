import FieldOpsCore

/// Which blob store a process uses, read once from the environment.
public enum BlobStoreConfiguration: Sendable {
    case filesystem(root: String)
    case s3(S3Configuration)

    /// `FIELDOPS_BLOB_STORE=filesystem` (default; under `FIELDOPS_BLOB_ROOT`) or `s3` (see
    /// `S3Configuration.init(environment:)`).
    public init(environment: Environment) throws(ConfigurationError) {
        switch environment.string("FIELDOPS_BLOB_STORE", default: "filesystem") {
        case "filesystem":
            guard let root = environment.string("FIELDOPS_BLOB_ROOT") else {
                throw ConfigurationError(variable: "FIELDOPS_BLOB_ROOT", value: "", expected: "a directory for the filesystem blob store")
            }
            self = .filesystem(root: root)
        case "s3":
            self = .s3(try S3Configuration(environment: environment))
        case let other:
            throw ConfigurationError(variable: "FIELDOPS_BLOB_STORE", value: other, expected: "filesystem or s3")
        }
    }

    /// The store this configuration names.
    public func makeStore() -> any BlobStore {
        switch self {
        case .filesystem(let root): FileSystemBlobStore(root: root)
        case .s3(let configuration): S3BlobStore(configuration: configuration)
        }
    }
}
