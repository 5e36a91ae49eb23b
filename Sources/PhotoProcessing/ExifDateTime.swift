/// A capture time as EXIF writes it: `2026:12:04 09:30:00`, a wall-clock time in the camera's own
/// zone, with the zone's offset only when the camera recorded `OffsetTimeOriginal` (`+01:00`).
public struct ExifDateTime: Sendable, Equatable, Codable {
    public let year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int
    /// Minutes east of UTC, when known.
    public let utcOffsetMinutes: Int?

    /// Parses the first 19 characters (libvips appends a description after them); nil for a blank or
    /// impossible value (`0000:00:00 00:00:00` is what some cameras write when they do not know).
    public init?(exif text: String, offset: String? = nil) {
        let characters = Array(text.utf8.prefix(19))
        guard characters.count == 19 else { return nil }
        func number(_ range: Range<Int>) -> Int? { Int(String(decoding: characters[range], as: UTF8.self)) }
        guard characters[4] == UInt8(ascii: ":"), characters[7] == UInt8(ascii: ":"), characters[10] == UInt8(ascii: " "),
              characters[13] == UInt8(ascii: ":"), characters[16] == UInt8(ascii: ":"),
              let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
              (1900...9999).contains(year), (1...12).contains(month), (1...31).contains(day),
              (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second) else { return nil }
        (self.year, self.month, self.day, self.hour, self.minute, self.second) = (year, month, day, hour, minute, second)
        utcOffsetMinutes = offset.flatMap(Self.parseOffset)
    }

    /// `+01:00` / `-05:30` → minutes east of UTC.
    private static func parseOffset(_ text: String) -> Int? {
        let characters = Array(text.utf8.prefix(6))
        guard characters.count == 6, characters[0] == UInt8(ascii: "+") || characters[0] == UInt8(ascii: "-"), characters[3] == UInt8(ascii: ":"),
              let hours = Int(String(decoding: characters[1..<3], as: UTF8.self)),
              let minutes = Int(String(decoding: characters[4..<6], as: UTF8.self)), hours <= 14, minutes < 60 else { return nil }
        return (characters[0] == UInt8(ascii: "-") ? -1 : 1) * (hours * 60 + minutes)
    }
}
