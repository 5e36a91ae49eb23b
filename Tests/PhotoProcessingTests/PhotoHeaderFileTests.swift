import Foundation
import PhotoProcessing
import PhotoTestSupport
import Testing

/// `PhotoHeader.inspect(file:)`, what the gateway reads of an upload the HTTP server spilled to
/// disk: the same answers as the in-memory inspection, from the file's first bytes and header.
@Suite("Photo header from a file")
struct PhotoHeaderFileTests {
    /// Writes `bytes` to a new temporary file, runs `body` with its path, then removes it.
    static func withFile<Value>(_ bytes: [UInt8], _ body: (String) throws -> Value) throws -> Value {
        let path = NSTemporaryDirectory() + "photo-header-\(UUID().uuidString)"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try body(path)
    }

    static func refusal(_ bytes: [UInt8]) throws -> PhotoError? {
        try withFile(bytes) { path in
            #expect(throws: PhotoError.self) { try PhotoHeader.inspect(file: path, maxPixels: 50_000_000) }
        }
    }

    @Test func imagesReadTheSameFromAFileAsFromMemory() throws {
        let images = [
            try TestImages.markedJPEG(width: 640, height: 480),
            try TestImages.greyJPEG(width: 300, height: 200),
            try PhotoPipelineTests.transparentPNG(),
        ]
        for image in images {
            let fromFile = try Self.withFile(image) { try PhotoHeader.inspect(file: $0, maxPixels: 50_000_000) }
            #expect(fromFile == (try PhotoHeader.inspect(image, maxPixels: 50_000_000)))
        }
    }

    @Test func bombsTextEmptyAndDamagedFilesAreRefusedWithTheirReason() throws {
        let bomb = try Self.refusal(try PhotoPipelineTests.bombHeader(width: 20000, height: 20000) + [UInt8](repeating: 0, count: 1 << 20))
        #expect(bomb?.code == .tooManyPixels && bomb?.message.contains("20000×20000") == true)
        #expect(try Self.refusal(Array("plain text, named photo.jpg".utf8))?.code == .unsupportedFormat)
        #expect(try Self.refusal([])?.code == .empty)
        #expect(try Self.refusal(Array(try TestImages.markedJPEG(width: 300, height: 200).prefix(40)))?.code == .corrupt)
        let missing = #expect(throws: PhotoError.self) { try PhotoHeader.inspect(file: "/nonexistent/\(UUID())", maxPixels: 1) }
        #expect(missing?.code == .processingFailed)
    }
}
