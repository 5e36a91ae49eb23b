import BlobStore

extension BlobStore {
    /// An upload's original as the gateway stored it. Gone (or a key that cannot be one) is a
    /// rejection: no retry brings it back.
    func original(at key: String) async throws -> [UInt8] {
        do {
            return try await get(try BlobKey(key))
        } catch {
            guard error.code == .notFound || error.code == .invalidKey else { throw error }
            throw PhotoRejected(reason: "the original \(key) is not in the blob store")
        }
    }
}
