import FieldOpsCore

/// Which blob store a process uses, read once from the environment; `makeStore()` is the one place
/// where the store is built.
public struct BlobStoreConfiguration: Sendable, Equatable {
    /// The filesystem store's root directory.
    public var root: String

    public init(root: String) {
        self.root = root
    }

    /// `FIELDOPS_BLOB_ROOT`, by default `$FIELDOPS_VAR/blobs` (`FIELDOPS_VAR` defaults to `.local`).
    public init(environment: Environment) {
        root = environment.string("FIELDOPS_BLOB_ROOT") ?? environment.string("FIELDOPS_VAR", default: ".local") + "/blobs"
    }

    public func makeStore() throws(BlobStoreError) -> any BlobStore {
        try FileSystemBlobStore(root: root)
    }
}
