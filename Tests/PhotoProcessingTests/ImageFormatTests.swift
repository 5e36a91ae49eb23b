import PhotoProcessing
import Testing

@Suite("Image format sniffing and EXIF times")
struct ImageFormatTests {
    @Test func formatsAreToldByTheirMagicBytes() {
        #expect(ImageFormat.sniff([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]) == .jpeg)
        #expect(ImageFormat.sniff([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]) == .png)
        #expect(ImageFormat.sniff(Array("RIFF\u{0}\u{0}\u{0}\u{0}WEBPVP8 ".utf8)) == .webp)
        #expect(ImageFormat.sniff([0, 0, 0, 0x18] + Array("ftypheic".utf8) + [0, 0, 0, 0]) == .heic)
        #expect(ImageFormat.sniff(Array("%PDF-1.7".utf8)) == nil)
        #expect(ImageFormat.sniff(Array("RIFF\u{0}\u{0}\u{0}\u{0}WAVEfmt ".utf8)) == nil)
        #expect(ImageFormat.sniff([0xFF, 0xD8]) == nil, "two bytes are not a JPEG yet")
        #expect(ImageFormat.sniff([UInt8]()) == nil)
    }

    @Test func exifTimesAreParsedWithTheirOffset() throws {
        let time = try #require(ExifDateTime(exif: "2026:12:04 09:30:15 (2026:12:04 09:30:15, ASCII, 20 components, 20 bytes)", offset: "+01:00"))
        #expect([time.year, time.month, time.day, time.hour, time.minute, time.second] == [2026, 12, 4, 9, 30, 15])
        #expect(time.utcOffsetMinutes == 60)
        #expect(ExifDateTime(exif: "2026:12:04 09:30:15", offset: "-05:30")?.utcOffsetMinutes == -330)
        #expect(ExifDateTime(exif: "2026:12:04 09:30:15")?.utcOffsetMinutes == nil)
        #expect(ExifDateTime(exif: "0000:00:00 00:00:00") == nil)
        #expect(ExifDateTime(exif: "2026-12-04T09:30:15") == nil)
        #expect(ExifDateTime(exif: "") == nil)
    }
}
