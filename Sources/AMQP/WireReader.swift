/// Reads AMQP 0-9-1 wire encoding (big-endian integers, short and long strings) out of a byte array.
///
/// Every read is bounds-checked and answers nil past `end`, so truncated or hostile input ends the
/// decoding instead of trapping. Strings are handed out as ranges: a caller that only compares or
/// skips them copies nothing.
struct WireReader {
    let bytes: [UInt8]
    private(set) var position: Int
    /// One past the last byte this reader may read (a table or array is read by a reader bounded to it).
    let end: Int

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        position = 0
        end = bytes.count
    }

    private init(_ bytes: [UInt8], position: Int, end: Int) {
        self.bytes = bytes
        self.position = position
        self.end = end
    }

    var isAtEnd: Bool { position >= end }

    /// Moves past `count` bytes; false (and no move) when fewer remain.
    mutating func skip(_ count: Int) -> Bool {
        guard count >= 0, count <= end - position else { return false }
        position += count
        return true
    }

    mutating func octet() -> UInt8? {
        guard position < end else { return nil }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func uint16() -> UInt16? { integer(UInt16.self) }
    mutating func uint32() -> UInt32? { integer(UInt32.self) }
    mutating func uint64() -> UInt64? { integer(UInt64.self) }

    private mutating func integer<Value: FixedWidthInteger & UnsignedInteger>(_: Value.Type) -> Value? {
        let width = MemoryLayout<Value>.size
        guard width <= end - position else { return nil }
        var value: Value = 0
        for index in position..<position + width { value = value << 8 | Value(bytes[index]) }
        position += width
        return value
    }

    /// A short string (one length octet): the range of its bytes.
    mutating func shortString() -> Range<Int>? {
        guard let length = octet() else { return nil }
        return span(Int(length))
    }

    /// A long string, byte string, table or array (a 32-bit length): the range of its bytes.
    mutating func longString() -> Range<Int>? {
        guard let length = uint32() else { return nil }
        return span(Int(length))
    }

    private mutating func span(_ length: Int) -> Range<Int>? {
        let start = position
        guard skip(length) else { return nil }
        return start..<position
    }

    /// A reader over `range` alone (the content of a table or array).
    func bounded(to range: Range<Int>) -> WireReader {
        WireReader(bytes, position: range.lowerBound, end: range.upperBound)
    }

    func string(_ range: Range<Int>) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    }

    func array(_ range: Range<Int>) -> [UInt8] { Array(bytes[range]) }

    /// Whether the bytes in `range` are exactly `text`'s UTF-8.
    func matches(_ range: Range<Int>, _ text: String) -> Bool {
        // Header names mostly differ in length: most comparisons end before touching a byte.
        guard text.utf8.count == range.count else { return false }
        var text = text
        return text.withUTF8 { name in
            bytes.withUnsafeBufferPointer { UnsafeBufferPointer(rebasing: $0[range]).elementsEqual(name) }
        }
    }
}
