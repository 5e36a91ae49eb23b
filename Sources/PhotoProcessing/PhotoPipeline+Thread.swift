import FieldOpsCore

extension PhotoPipeline {
    /// `process` on a thread of its own: decoding and encoding take tens to hundreds of milliseconds
    /// of CPU, which must not hold one of the few cooperative-pool threads.
    public func processOnOwnThread(_ original: [UInt8], lines: [String], logo: [UInt8]? = nil) async throws(PhotoError) -> ProcessedPhoto {
        let result: Result<ProcessedPhoto, PhotoError> = await withCheckedContinuation { continuation in
            do throws(ThreadStartError) {
                try DedicatedThread.start(purpose: "a photo") {
                    continuation.resume(returning: Result { () throws(PhotoError) in try process(original, lines: lines, logo: logo) })
                }
            } catch {
                continuation.resume(returning: .failure(PhotoError(code: .processingFailed, message: error.description)))
            }
        }
        return try result.get()
    }
}
