#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// RFC 2047 encoded words for header text that is not plain ASCII (`=?UTF-8?B?…?=`), split so no
/// word is longer than 75 characters and no character is cut in two.
enum EncodedWord {
    static func encode(_ text: String) -> String {
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            // 45 bytes of UTF-8 make 60 characters of base64: with the 12 of `=?UTF-8?B??=`, under 75.
            if chunk.count + bytes.count > 45 {
                words.append(word(chunk))
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append(word(chunk)) }
        return words.joined(separator: "\r\n ")
    }

    /// The text as is when it is printable ASCII, else encoded.
    static func headerText(_ text: String) -> String {
        let oneLine = text.filter { !$0.isNewline }
        return oneLine.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F } ? oneLine : encode(oneLine)
    }

    private static func word(_ bytes: [UInt8]) -> String {
        "=?UTF-8?B?" + Data(bytes).base64EncodedString() + "?="
    }
}
