extension JSONTape {
    /// The value of a string entry; nil when it holds a control character, an invalid escape, an
    /// unpaired surrogate or invalid UTF-8 (Foundation's `JSONDecoder` refuses the same strings).
    func string(_ entry: Entry) -> String? {
        if entry.isPlain { return String(decoding: slice(entry), as: UTF8.self) }
        return Self.unescaped(slice(entry))
    }

    /// The value entry of the first member of `object` whose key equals `name`, compared as Swift
    /// compares strings (canonical equivalence). Keys are nearly always plain ASCII on both sides:
    /// then the bytes decide, and no string is made.
    func value(in object: Int, forKey name: String) -> Int? {
        var bytesOfName = name
        return bytesOfName.withUTF8 { wanted in
            let wantedIsASCII = wanted.allSatisfy { $0 < 0x80 }
            return bytes.withUnsafeBufferPointer { text in
                var index = object + 1
                for _ in 0..<entries[object].length {
                    let key = entries[index]
                    if key.isPlain {
                        if Int(key.length) == wanted.count, Self.equal(text, from: Int(key.start), wanted) { return index + 1 }
                        // Different bytes are different text, unless the name goes beyond ASCII.
                        if !wantedIsASCII, string(key) == name { return index + 1 }
                    } else if string(key) == name {
                        return index + 1
                    }
                    index = Int(entries[index + 1].next)
                }
                return nil
            }
        }
    }

    private static func equal(_ text: UnsafeBufferPointer<UInt8>, from start: Int, _ other: UnsafeBufferPointer<UInt8>) -> Bool {
        for offset in 0..<other.count where text[start + offset] != other[offset] { return false }
        return true
    }

    private static func unescaped(_ text: ArraySlice<UInt8>) -> String? {
        var utf8: [UInt8] = []
        utf8.reserveCapacity(text.count)
        var index = text.startIndex
        while index < text.endIndex {
            let byte = text[index]
            index += 1
            if byte < 0x20 { return nil }
            guard byte == UInt8(ascii: "\\") else {
                utf8.append(byte)
                continue
            }
            guard index < text.endIndex else { return nil }
            let escape = text[index]
            index += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
            case UInt8(ascii: "b"): utf8.append(0x08)
            case UInt8(ascii: "f"): utf8.append(0x0C)
            case UInt8(ascii: "n"): utf8.append(0x0A)
            case UInt8(ascii: "r"): utf8.append(0x0D)
            case UInt8(ascii: "t"): utf8.append(0x09)
            case UInt8(ascii: "u"):
                guard let scalar = unicodeEscape(text, at: &index) else { return nil }
                utf8.append(contentsOf: UTF8.encode(scalar)!)
            default: return nil
            }
        }
        return String(validating: utf8, as: UTF8.self)
    }

    /// Reads the four hex digits after `\u` (and a low surrogate's `\uXXXX` after a high one).
    private static func unicodeEscape(_ text: ArraySlice<UInt8>, at index: inout Int) -> Unicode.Scalar? {
        guard let unit = hexQuad(text, at: &index) else { return nil }
        switch unit {
        case 0xD800...0xDBFF:
            guard index + 1 < text.endIndex, text[index] == UInt8(ascii: "\\"), text[index + 1] == UInt8(ascii: "u") else { return nil }
            index += 2
            guard let low = hexQuad(text, at: &index), (0xDC00...0xDFFF).contains(low) else { return nil }
            return Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
        case 0xDC00...0xDFFF:
            return nil
        default:
            return Unicode.Scalar(unit)
        }
    }

    private static func hexQuad(_ text: ArraySlice<UInt8>, at index: inout Int) -> UInt32? {
        guard index + 4 <= text.endIndex else { return nil }
        var value: UInt32 = 0
        for byte in text[index..<(index + 4)] {
            let nibble: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(nibble)
        }
        index += 4
        return value
    }
}
