import Mesh
import PhotoProcessing

/// A photo that can never be processed (not an image, a pixel bomb, a damaged file, its original
/// gone): the message is parked with this reason and the photo row marked failed.
public struct PhotoRejected: PermanentFailure, CustomStringConvertible {
    public let reason: String

    public var description: String { reason }

    /// Runs the pipeline; what it says of the file itself cannot change on a retry, so it becomes a
    /// rejection, while a failure of the processing (memory, a thread) stays transient.
    static func parkingUnusableFiles<Value>(_ work: () async throws(PhotoError) -> Value) async throws -> Value {
        do {
            return try await work()
        } catch {
            guard error.code != .processingFailed else { throw error }
            throw PhotoRejected(reason: error.description)
        }
    }
}
