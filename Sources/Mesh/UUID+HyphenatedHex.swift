#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension UUID {
    /// The 36-character `8-4-4-4-12` hexadecimal form, in either case, as `UUID(uuidString:)` reads
    /// it. That initialiser goes through `sscanf`, which cost more than all the rest of reading a
    /// delivery's envelope; every job id the runtime sees is parsed here instead.
    init?(hyphenatedHex text: String) {
        var text = text
        let parsed = text.withUTF8 { characters -> uuid_t? in
            guard characters.count == 36 else { return nil }
            var value: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            let complete = withUnsafeMutableBytes(of: &value) { bytes -> Bool in
                var position = 0
                for index in 0..<16 {
                    if position == 8 || position == 13 || position == 18 || position == 23 {
                        guard characters[position] == UInt8(ascii: "-") else { return false }
                        position += 1
                    }
                    let high = Self.digitValues[Int(characters[position])], low = Self.digitValues[Int(characters[position + 1])]
                    guard high | low < 16 else { return false }
                    bytes[index] = high << 4 | low
                    position += 2
                }
                return true
            }
            return complete ? value : nil
        }
        guard let parsed else { return nil }
        self.init(uuid: parsed)
    }

    /// Each byte's value as a hexadecimal digit of either case; 0xff for every other byte.
    private static let digitValues: [UInt8] = {
        var values = [UInt8](repeating: 0xff, count: 256)
        for (value, digit) in zip(0..., "0123456789abcdef".utf8) { values[Int(digit)] = UInt8(value) }
        for (value, digit) in zip(10..., "ABCDEF".utf8) { values[Int(digit)] = UInt8(value) }
        return values
    }()
}
