import FieldOpsCrypto
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
        let characters = Array(text.utf8)
        let hyphen = UInt8(ascii: "-")
        guard characters.count == 36, [8, 13, 18, 23].allSatisfy({ characters[$0] == hyphen }),
              let bytes = Hex.decode(String(decoding: characters.lazy.filter { $0 != hyphen }, as: UTF8.self)),
              bytes.count == 16
        else { return nil }
        self.init(uuid: (
            bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
            bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
        ))
    }
}
