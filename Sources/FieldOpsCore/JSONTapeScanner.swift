extension JSONTape {
    /// Scans `bytes` (UTF-8, optionally after a byte order mark). Accepts what Foundation's
    /// `JSONDecoder` accepts: one value of any kind with whitespace around it, and a trailing comma
    /// after the last element of an array or object.
    init(scanning bytes: [UInt8]) throws(JSONSyntaxError) {
        guard bytes.count < Int(UInt32.max) else { throw JSONSyntaxError(reason: "the text is longer than 4 GiB", offset: 0) }
        entries = try bytes.withUnsafeBufferPointer { (text) throws(JSONSyntaxError) -> [Entry] in
            var scanner = JSONTapeScanner(text: text)
            return try scanner.scanDocument()
        }
        self.bytes = bytes
    }
}

/// The single pass behind `JSONTape(scanning:)`. Open containers form a chain through their own
/// entries (an open container's `next` holds its parent until it closes), so nesting costs neither
/// the call stack nor a separate stack.
private struct JSONTapeScanner {
    typealias Entry = JSONTape.Entry

    private let text: UnsafeBufferPointer<UInt8>
    private var position = 0
    private var entries: [Entry] = []
    /// The innermost container not closed yet.
    private var innermost: Int?
    private var depth = 0
    /// True right after a container's opening bracket: it may close at once.
    private var atContainerStart = false

    init(text: UnsafeBufferPointer<UInt8>) {
        self.text = text
        entries.reserveCapacity(16)
    }

    mutating func scanDocument() throws(JSONSyntaxError) -> [Entry] {
        if text.count >= 3, text[0] == 0xEF, text[1] == 0xBB, text[2] == 0xBF { position = 3 }
        skipWhitespace()
        try scanValue()
        while let container = innermost {
            try scanMember(of: container)
        }
        skipWhitespace()
        guard position == text.count else { throw failure("unexpected text after the JSON value") }
        return entries
    }

    /// Scans what follows inside the innermost open container: its end, or its next member.
    private mutating func scanMember(of container: Int) throws(JSONSyntaxError) {
        skipWhitespace()
        let isObject = entries[container].kind == .object
        let closing = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
        if atContainerStart {
            atContainerStart = false
        } else {
            guard position < text.count else { throw failure("unterminated \(isObject ? "object" : "array")") }
            if text[position] != closing {
                guard text[position] == UInt8(ascii: ",") else { throw failure("expected ',' or '\(Character(Unicode.Scalar(closing)))'") }
                position += 1
                skipWhitespace()
            }
        }
        if position < text.count, text[position] == closing {
            position += 1
            let parent = entries[container].next
            entries[container].next = UInt32(entries.count)
            innermost = parent == 0 ? nil : Int(parent - 1)
            depth -= 1
            return
        }
        entries[container].length += 1
        if isObject {
            guard position < text.count, text[position] == UInt8(ascii: "\"") else { throw failure("expected a key") }
            try scanString()
            entries[container].isPlain = entries[container].isPlain && entries[entries.count - 1].isPlain
            skipWhitespace()
            guard position < text.count, text[position] == UInt8(ascii: ":") else { throw failure("expected ':' after a key") }
            position += 1
            skipWhitespace()
        }
        try scanValue()
    }

    private mutating func scanValue() throws(JSONSyntaxError) {
        guard position < text.count else { throw failure("unexpected end of the text") }
        switch text[position] {
        case UInt8(ascii: "{"): try openContainer(.object)
        case UInt8(ascii: "["): try openContainer(.array)
        case UInt8(ascii: "\""): try scanString()
        case UInt8(ascii: "t"): try scanLiteral("true", .true)
        case UInt8(ascii: "f"): try scanLiteral("false", .false)
        case UInt8(ascii: "n"): try scanLiteral("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): scanNumber()
        default: throw failure("unexpected character")
        }
    }

    private mutating func openContainer(_ kind: JSONTape.Kind) throws(JSONSyntaxError) {
        guard depth < JSONTape.maximumDepth else { throw failure("nested deeper than \(JSONTape.maximumDepth) levels") }
        // Until the container closes, `next` links to its parent (plus one; 0: none).
        let parent = innermost.map { UInt32($0 + 1) } ?? 0
        innermost = entries.count
        depth += 1
        entries.append(Entry(kind: kind, isPlain: true, start: UInt32(position), length: 0, next: parent))
        position += 1
        atContainerStart = true
    }

    /// Finds the closing quote. Escapes are only skipped here (a `\u` and its four characters);
    /// they, control characters and UTF-8 are checked when the string is read.
    private mutating func scanString() throws(JSONSyntaxError) {
        let start = position + 1
        var index = start
        var isPlain = true
        while true {
            guard index < text.count else { throw failure("unterminated string") }
            let byte = text[index]
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") {
                isPlain = false
                index += index + 1 < text.count && text[index + 1] == UInt8(ascii: "u") ? 6 : 2
                continue
            }
            if byte >= 0x80 || byte < 0x20 { isPlain = false }
            index += 1
        }
        entries.append(Entry(kind: .string, isPlain: isPlain, start: UInt32(start), length: UInt32(index - start), next: UInt32(entries.count + 1)))
        position = index + 1
    }

    /// Takes the characters a number can hold; their order is checked when the number is read.
    private mutating func scanNumber() {
        let start = position
        scanning: while position < text.count {
            switch text[position] {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"):
                position += 1
            default:
                break scanning
            }
        }
        entries.append(Entry(kind: .number, isPlain: false, start: UInt32(start), length: UInt32(position - start), next: UInt32(entries.count + 1)))
    }

    private mutating func scanLiteral(_ word: StaticString, _ kind: JSONTape.Kind) throws(JSONSyntaxError) {
        let length = word.utf8CodeUnitCount
        guard position + length <= text.count else { throw failure("unexpected end of the text") }
        for offset in 0..<length where text[position + offset] != word.utf8Start[offset] {
            throw failure("unexpected character")
        }
        entries.append(Entry(kind: kind, isPlain: false, start: UInt32(position), length: UInt32(length), next: UInt32(entries.count + 1)))
        position += length
    }

    private mutating func skipWhitespace() {
        while position < text.count {
            switch text[position] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): position += 1
            default: return
            }
        }
    }

    private func failure(_ reason: String) -> JSONSyntaxError {
        JSONSyntaxError(reason: reason, offset: position)
    }
}
