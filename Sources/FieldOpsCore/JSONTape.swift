/// A JSON text scanned once into a flat array of entries, one per value, in document order: an
/// object's entry is followed by its keys and values (key, value, key, value…), an array's by its
/// elements. Every entry knows where the next sibling starts, so a keyed lookup hops from key to
/// key without building a dictionary of strings.
///
/// Like Foundation's `JSONDecoder`, the scan checks the structure only: a string's escapes and
/// UTF-8, and a number's digits, are checked when the value is read (`JSONTapeDecoder`), so a value
/// nobody reads cannot fail a message. Keys are checked when their object is opened.
struct JSONTape: Sendable {
    enum Kind: UInt8, Sendable {
        case object, array, string, number, `true`, `false`, null
    }

    struct Entry: Sendable {
        var kind: Kind
        /// Strings: plain ASCII without escapes (their bytes are their value). Objects: every key is.
        var isPlain: Bool
        /// Strings: the first byte after the opening quote. Numbers: the first byte.
        var start: UInt32
        /// Strings: the bytes between the quotes. Numbers: the bytes of the number. Arrays: the
        /// element count. Objects: the member count.
        var length: UInt32
        /// The entry after this value and everything inside it.
        var next: UInt32
    }

    /// Foundation refuses deeper nesting too; the limit also bounds the scanner's stack.
    static let maximumDepth = 512

    let bytes: [UInt8]
    let entries: [Entry]

    /// The scanned text of a string or number entry.
    func slice(_ entry: Entry) -> ArraySlice<UInt8> {
        bytes[Int(entry.start)..<Int(entry.start + entry.length)]
    }
}

/// Why a text is not JSON; the byte offset says where the scan stopped.
struct JSONSyntaxError: Error, Sendable, CustomStringConvertible {
    let reason: String
    let offset: Int

    var description: String { "\(reason) at byte \(offset)" }
}
