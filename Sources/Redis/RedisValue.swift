/// A reply from Redis.
///
/// hiredis (RESP2) reports a null bulk string and a null array alike, so both are `.null`; bulk and
/// array payloads are therefore never optional.
public enum RedisValue: Sendable, Hashable {
    case simpleString(String)
    /// An error reply. Single commands throw it as `RedisError.Code.server`; pipelines and script
    /// results keep it in place so one failing command does not hide the replies of the others.
    case error(String)
    case integer(Int)
    case bulk([UInt8])
    case array([RedisValue])
    case null

    /// The text of a bulk or simple string; nil for other kinds or invalid UTF-8.
    public var string: String? {
        switch self {
        case .simpleString(let text): text
        case .bulk(let bytes): String(validating: bytes, as: UTF8.self)
        default: nil
        }
    }

    /// The bytes of a bulk or simple string.
    public var bytes: [UInt8]? {
        switch self {
        case .bulk(let bytes): bytes
        case .simpleString(let text): Array(text.utf8)
        default: nil
        }
    }

    /// An integer reply, or a string holding a decimal integer (as `GET` returns after `INCR`).
    public var int: Int? {
        switch self {
        case .integer(let value): value
        case .bulk, .simpleString: string.flatMap { Int($0) }
        default: nil
        }
    }

    public var array: [RedisValue]? {
        if case .array(let values) = self { values } else { nil }
    }

    public var isNull: Bool { self == .null }

    /// The server error this reply carries, if it is an error reply.
    public var error: RedisError? {
        if case .error(let message) = self { RedisError(.server, message) } else { nil }
    }

    /// Throws the error of an error reply, returns other replies unchanged.
    public func throwingServerError() throws(RedisError) -> RedisValue {
        if let error { throw error }
        return self
    }
}
