/// A growable byte buffer that writes PostgreSQL's binary wire format (big-endian integers).
///
/// Used for bound parameters and for COPY BINARY rows; custom `PostgresEncodable` types write into it.
public struct PostgresBinaryBuffer: Sendable {
    public private(set) var bytes: [UInt8]

    public init(capacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    public var count: Int { bytes.count }

    public mutating func writeInteger<T: FixedWidthInteger>(_ value: T) {
        // Byte by byte: for 2–8 bytes this beats the generic `append(contentsOf:)` path.
        var shift = T.bitWidth - 8
        while shift >= 0 {
            bytes.append(UInt8(truncatingIfNeeded: value >> shift))
            shift -= 8
        }
    }

    public mutating func writeBytes(_ source: some Sequence<UInt8>) {
        bytes.append(contentsOf: source)
    }

    public mutating func writeString(_ string: String) {
        var string = string
        string.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Reserves a 4-byte length; `endLengthPrefix` fills it in once the value is written.
    mutating func beginLengthPrefix() -> Int {
        let start = bytes.count
        writeInteger(Int32(0))
        return start
    }

    mutating func endLengthPrefix(at start: Int) {
        let length = UInt32(bytes.count - start - 4)
        for index in 0..<4 { bytes[start + index] = UInt8(truncatingIfNeeded: length >> (24 - 8 * index)) }
    }

    mutating func removeAll(keepingCapacity: Bool) {
        bytes.removeAll(keepingCapacity: keepingCapacity)
    }
}

/// Reads PostgreSQL's binary wire format from a value the server sent.
///
/// A value that ends early throws instead of reading out of bounds: a malformed or unexpected
/// server reply never crashes the process.
public struct PostgresBinaryReader {
    public let bytes: UnsafeRawBufferPointer
    public private(set) var offset = 0

    public init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    public var remaining: Int { bytes.count - offset }

    public mutating func readInteger<T: FixedWidthInteger>(as type: T.Type = T.self) throws(PostgresDecodingFailure) -> T {
        let size = MemoryLayout<T>.size
        guard remaining >= size else { throw .malformed("expected \(size) bytes, \(remaining) left") }
        var value = T.zero
        withUnsafeMutableBytes(of: &value) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + size])) }
        offset += size
        return T(bigEndian: value)
    }

    public mutating func readBytes(count: Int) throws(PostgresDecodingFailure) -> UnsafeRawBufferPointer {
        guard count >= 0, remaining >= count else { throw .malformed("expected \(count) bytes, \(remaining) left") }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count])
    }

    public mutating func readRemaining() -> UnsafeRawBufferPointer {
        defer { offset = bytes.count }
        return UnsafeRawBufferPointer(rebasing: bytes[offset...])
    }
}
