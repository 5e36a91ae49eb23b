import FieldOpsCore

extension PhotoPipeline {
    /// `process` on a thread of its own: decoding and encoding take tens to hundreds of milliseconds
    /// of CPU, which must not hold one of the few cooperative-pool threads.
    public func processOnOwnThread(_ original: [UInt8], lines: [String], logo: [UInt8]? = nil) async throws(PhotoError) -> ProcessedPhoto {
        try await Self.onOwnThread(purpose: "a photo") { () throws(PhotoError) in try process(original, lines: lines, logo: logo) }
    }

    /// A signature image stamped like a photo, on a thread of its own: `SignatureCanvas.prepare`
    /// puts it on white with room for the band, then `process` stamps it. The result's
    /// `originalSHA256` is that of the prepared canvas; the upload's own hash is the caller's.
    public func stampSignatureOnOwnThread(_ original: [UInt8], lines: [String]) async throws(PhotoError) -> ProcessedPhoto {
        try await Self.onOwnThread(purpose: "a signature") { () throws(PhotoError) in
            try process(SignatureCanvas.prepare(original, lines: lines, settings: settings), lines: lines)
        }
    }

    private static func onOwnThread(purpose: String, _ work: @escaping @Sendable () throws(PhotoError) -> ProcessedPhoto) async throws(PhotoError) -> ProcessedPhoto {
        let result: Result<ProcessedPhoto, PhotoError> = await withCheckedContinuation { continuation in
            do throws(ThreadStartError) {
                try DedicatedThread.start(purpose: purpose) {
                    continuation.resume(returning: Result { () throws(PhotoError) in try work() })
                }
            } catch {
                continuation.resume(returning: .failure(PhotoError(code: .processingFailed, message: error.description)))
            }
        }
        return try result.get()
    }
}
