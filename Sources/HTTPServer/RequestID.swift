import Synchronization

/// Request ids.
///
/// An incoming `X-Request-Id` is kept when it is short and plain, so a caller's id can be searched
/// across services; anything else is replaced, so logs never carry injected text. New ids are a
/// random per-process prefix followed by a counter: unique across processes without a random
/// draw (a `getrandom` system call) per request, which the hot path cannot afford.
enum RequestID {
    static let maximumLength = 128

    private static let processPrefix: UInt64 = {
        var generator = SystemRandomNumberGenerator()
        return generator.next() | 1
    }()

    private static let sequence = Atomic<UInt64>(0)

    static func accept(_ incoming: String?) -> String {
        if let incoming, isSane(incoming) { return incoming }
        return generate()
    }

    static func isSane(_ value: String) -> Bool {
        !value.isEmpty && value.utf8.count <= maximumLength && value.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || [UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: ":")].contains(byte)
        }
    }

    /// 32 hex digits: the process prefix, then the sequence number, written into the string's own
    /// storage (one allocation, where formatting and joining the two halves took five).
    static func generate() -> String {
        let number = next()
        return String(unsafeUninitializedCapacity: 32) { digits in
            write(processPrefix, into: digits, at: 0)
            write(number, into: digits, at: 16)
            return 32
        }
    }

    private static func next() -> UInt64 {
        sequence.add(1, ordering: .relaxed).newValue
    }

    /// `value` as 16 lowercase hex digits, most significant first.
    private static func write(_ value: UInt64, into digits: UnsafeMutableBufferPointer<UInt8>, at start: Int) {
        for position in 0..<16 {
            let nibble = UInt8(truncatingIfNeeded: value >> (60 - 4 * position)) & 0xf
            digits[start + position] = nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
        }
    }
}
