import FieldOpsCrypto
import PhotoTestSupport
import Foundation
@testable import PhotoProcessing
import Testing

@Suite("Photo pipeline (libvips)")
struct PhotoPipelineTests {
    let pipeline = PhotoPipeline(settings: PhotoProcessingSettings(maxPixels: 50_000_000))
    let lines = ["2026-12-04 10:32 Europe/Paris", "48.856610, 2.352220 ±8 m", "Gare Nord · INT-2026-0042", "J. Martin · 3f2a9c1e"]

    @Test(arguments: [(3, "bottom right"), (6, "top right"), (8, "bottom left")])
    func photosAreTurnedUprightByTheirEXIFOrientation(orientation: Int, whereTheMarkGoes: String) throws {
        let original = try TestImages.markedJPEG(width: 600, height: 400, orientation: orientation)
        let result = try pipeline.process(original, lines: lines)
        let turned = orientation != 3
        #expect((result.width, result.height) == (turned ? 400 : 600, turned ? 600 : 400))
        let output = try TestImages.decode(result.watermarked.bytes)
        #expect((output.width, output.height) == (result.width, result.height))
        // The red mark of the stored top-left corner, seen where the rotation puts it (above the band).
        let x = whereTheMarkGoes.hasSuffix("right") ? output.width - 10 : 10
        let y = whereTheMarkGoes.hasPrefix("top") ? 10 : output.height - result.layout.band.height - 10
        let mark = output.pixel(x, y)
        #expect(mark[0] > 180 && mark[1] < 80, "red at \(whereTheMarkGoes) (\(x), \(y)): \(mark)")
    }

    @Test func theBandIsReallyThereByPixelStatistics() throws {
        let original = try TestImages.jpeg(width: 1200, height: 900) { _, _ in [235, 235, 235] }
        let result = try pipeline.process(original, lines: lines)
        let output = try TestImages.decode(result.watermarked.bytes)
        let band = result.layout.band
        let above = PixelRect(x: 0, y: 0, width: 1200, height: band.y)
        #expect(band.y > 700 && band.maxY == 900)
        #expect(output.mean(above) > 225, "the photo above the band is untouched")
        #expect(output.mean(band) < 0.5 * output.mean(above), "the band darkens what is under it")
        let text = output.share(band, above: 200)
        #expect(text > 0.02 && text < 0.5, "white text covers part of the band: \(text)")
        try Data(result.watermarked.bytes).write(to: URL(fileURLWithPath: NSTemporaryDirectory() + "photo-band-check.jpg"))
    }

    @Test func derivedImagesAreHashedThumbnailedAndStrippedOfEXIF() throws {
        let original = try TestImages.markedJPEG(width: 2400, height: 1800, captureTime: "2026:12:04 09:30:15")
        let result = try pipeline.process(original, lines: lines)
        #expect(result.format == .jpeg)
        #expect(result.originalSHA256 == SHA256.hex(original))
        #expect(result.watermarked.sha256 == SHA256.hex(result.watermarked.bytes))
        #expect(result.exifCaptureTime == ExifDateTime(exif: "2026:12:04 09:30:15"))
        let sizes: [[Int]] = result.thumbnails.map { thumbnail in [thumbnail.width, thumbnail.height] }
        #expect(sizes == [[1600, 1200], [400, 300]])
        #expect(Set(result.thumbnails.map { thumbnail in thumbnail.sha256 }).count == 2)
        #expect(try TestImages.field("exif-ifd2-DateTimeOriginal", of: original) != nil, "the input carried EXIF")
        #expect(try TestImages.field("exif-ifd2-DateTimeOriginal", of: result.watermarked.bytes) == nil)

        let keeping = PhotoPipeline(settings: PhotoProcessingSettings(keepEXIF: true))
        let kept = try keeping.process(original, lines: lines)
        #expect(try TestImages.field("exif-ifd2-DateTimeOriginal", of: kept.watermarked.bytes) != nil)
    }

    @Test func cmykGreyAndTransparentInputsComeOutAsSRGBJPEGs() throws {
        for (name, original) in [
            ("cmyk", try TestImages.cmykJPEG(width: 500, height: 300)),
            ("grey", try TestImages.greyJPEG(width: 500, height: 300)),
            ("png alpha", try Self.transparentPNG()),
        ] {
            let result = try pipeline.process(original, lines: lines)
            let output = try TestImages.decode(result.watermarked.bytes)
            #expect(ImageFormat.sniff(result.watermarked.bytes) == .jpeg, "\(name)")
            #expect(output.bands == 3 && output.width == 500 && output.height == 300, "\(name): \(output.bands) bands")
        }
        // The transparent half of the PNG is shown on white, as a viewer would.
        let transparent = try Self.transparentPNG()
        let flattened = try TestImages.decode(pipeline.process(transparent, lines: []).watermarked.bytes)
        let corner: [UInt8] = flattened.pixel(50, 50)
        #expect(corner.allSatisfy { level in level > 240 })
    }

    @Test func aLogoIsDrawnAtTheRightOfTheBand() throws {
        let logo = try TestImages.png(width: 200, height: 100, bands: 3) { _, _ in [250, 200, 0] }
        let original = try TestImages.jpeg(width: 1200, height: 900) { _, _ in [60, 60, 60] }
        let result = try pipeline.process(original, lines: lines, logo: logo)
        let box = try #require(result.layout.logo)
        let output = try TestImages.decode(result.watermarked.bytes)
        let centre = output.pixel(box.x + box.width / 2, result.layout.band.y + box.y + box.height / 2)
        #expect(centre[0] > 220 && centre[1] > 170 && centre[2] < 60, "logo colour at its centre: \(centre)")
    }

    @Test func badInputsAreRefusedWithTheirReason() throws {
        let valid = try TestImages.markedJPEG(width: 300, height: 200)
        #expect(throws: PhotoError.Code.empty) { try code { _ = try pipeline.process([], lines: lines) } }
        #expect(throws: PhotoError.Code.unsupportedFormat) { try code { _ = try pipeline.process(Array("not a photo, named photo.jpg".utf8), lines: lines) } }
        #expect(throws: PhotoError.Code.corrupt) { try code { _ = try pipeline.process(Array(valid.prefix(valid.count / 2)), lines: lines) } }
        #expect(throws: PhotoError.Code.corrupt) { try code { _ = try pipeline.process(Array(valid.prefix(40)), lines: lines) } }
    }

    @Test func aPixelBombIsRefusedFromItsHeaderAlone() throws {
        let bomb = try Self.bombHeader(width: 20000, height: 20000)
        #expect(bomb.count < 2000)
        let refused = #expect(throws: PhotoError.self) { try PhotoHeader.inspect(bomb, maxPixels: 50_000_000) }
        #expect(refused?.code == .tooManyPixels)
        #expect(refused?.message.contains("20000×20000") == true)
        #expect(throws: PhotoError.Code.tooManyPixels) { try code { _ = try pipeline.process(bomb, lines: lines) } }
    }

    /// Blue, with its left half fully transparent.
    static func transparentPNG() throws -> [UInt8] {
        try TestImages.png(width: 500, height: 300, bands: 4) { x, _ in [20, 120, 220, x < 250 ? 0 : 255] }
    }

    /// A real small JPEG whose frame header (SOF0) is rewritten to claim `width`×`height`.
    static func bombHeader(width: Int, height: Int) throws -> [UInt8] {
        var bytes = try TestImages.jpeg(width: 16, height: 16) { _, _ in [1, 2, 3] }
        let sof = try #require((0..<bytes.count - 1).first { bytes[$0] == 0xFF && bytes[$0 + 1] == 0xC0 })
        let size: [UInt8] = [UInt8(height >> 8), UInt8(height & 0xFF), UInt8(width >> 8), UInt8(width & 0xFF)]
        bytes.replaceSubrange((sof + 5)..<(sof + 9), with: size)
        return bytes
    }

    /// Runs `body` and rethrows a `PhotoError` as its code alone, so expectations can name the code.
    private func code(_ body: () throws -> Void) throws {
        do { try body() } catch let error as PhotoError { throw error.code }
    }
}

extension PhotoError.Code: Error {}
