/// One argument of a Redis command. Every argument travels as a binary-safe bulk string, so a value
/// may hold NUL bytes or invalid UTF-8 when built from bytes.
///
/// The storage keeps the caller's value as is (no copy to bytes up front), so encoding writes it
/// straight into the connection's output buffer.
public struct RedisArgument: Sendable, Hashable {
    enum Storage: Sendable, Hashable {
        case string(String)
        case bytes([UInt8])
    }

    let storage: Storage

    public init(_ string: String) { storage = .string(string) }
    public init(_ bytes: [UInt8]) { storage = .bytes(bytes) }
    public init(_ value: some BinaryInteger) { storage = .string(String(value)) }
    /// Written the way Redis reads floats back: shortest round-trip decimal, `inf`/`-inf` for infinities.
    public init(_ value: Double) { storage = .string(value.isInfinite ? (value < 0 ? "-inf" : "inf") : String(value)) }

    /// A duration in whole milliseconds, rounded up so a positive TTL never becomes zero.
    public static func milliseconds(_ duration: Duration) -> RedisArgument {
        RedisArgument(duration.wholeMillisecondsRoundedUp)
    }
}

extension RedisArgument: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    public init(stringLiteral value: String) { self.init(value) }
    public init(integerLiteral value: Int) { self.init(value) }
}

extension Duration {
    var wholeMillisecondsRoundedUp: Int64 {
        let (seconds, attoseconds) = components
        let millis = attoseconds / 1_000_000_000_000_000
        let remainder = attoseconds % 1_000_000_000_000_000
        return seconds * 1000 + millis + (remainder > 0 ? 1 : 0)
    }
}
