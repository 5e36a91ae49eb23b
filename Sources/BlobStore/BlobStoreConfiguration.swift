import FieldOpsCore

/// Which blob store a process uses, read once from the environment; `makeStore()` is the one place
/// where a store is built.
public enum BlobStoreConfiguration: Sendable {
    case filesystem(root: String)
    case s3(S3Configuration)

    /// `FIELDOPS_BLOB_STORE=filesystem` (default; under `FIELDOPS_BLOB_ROOT`, by default
    /// `$FIELDOPS_VAR/blobs`) or `s3` (see `S3Configuration.init(environment:)`).
    public init(environment: Environment) throws(ConfigurationError) {
        switch environment.string("FIELDOPS_BLOB_STORE", default: "filesystem") {
        case "filesystem":
            self = .filesystem(root: environment.string("FIELDOPS_BLOB_ROOT") ?? environment.string("FIELDOPS_VAR", default: ".local") + "/blobs")
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
