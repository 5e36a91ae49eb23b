import PhotoProcessing
import PhotoTestSupport
import Testing

@Suite("Signature canvas")
struct SignatureCanvasTests {
    let lines = ["Claire Dupont · client", "Signed 2026-12-04 09:30:00 UTC+01:00 (Europe/Paris)", "GPS 48.880900, 2.355300", "INT-2026-0042 · summary SHA-256 3f2a9c1e0b7d"]

    @Test(arguments: [(480, 160), (1200, 400), (3000, 1000)])
    func theBandOfThePaddedImageCoversExactlyThePadding(width: Int, height: Int) {
        let ratio = PhotoProcessingSettings().bandHeightRatio
        let padding = SignatureCanvas.paddingHeight(width: width, height: height, lines: lines, bandHeightRatio: ratio)
        let band = WatermarkLayoutEngine.layout(imageWidth: width, imageHeight: height + padding, lines: lines, bandHeightRatio: ratio).band
        #expect(band.height == padding && band.y == height, "the band starts where the signature ends")
    }

    @Test func aJPEGSignatureGetsWhitePaperBelowItAndOnlyPNGAndJPEGAreSignatures() throws {
        let photographed = try TestImages.jpeg(width: 600, height: 200) { _, y in y < 100 ? [40, 40, 40] : [200, 200, 200] }
        let settings = PhotoProcessingSettings()
        let prepared = try TestImages.decode(try SignatureCanvas.prepare(photographed, lines: lines, settings: settings))
        let padding = SignatureCanvas.paddingHeight(width: 600, height: 200, lines: lines, bandHeightRatio: settings.bandHeightRatio)
        #expect((prepared.width, prepared.height) == (600, 200 + padding))
        #expect(prepared.mean(PixelRect(x: 0, y: 200, width: 600, height: padding)) == 255, "the added room is white, not black")
        #expect(prepared.mean(PixelRect(x: 0, y: 0, width: 600, height: 90)) < 50, "the signature itself is unchanged")

        let webp = Array("RIFF\u{0}\u{0}\u{0}\u{0}WEBPVP8 ".utf8)
        #expect(throws: PhotoError.self) { try SignatureCanvas.prepare(webp, lines: lines, settings: settings) }
    }
}
