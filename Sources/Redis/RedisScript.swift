/// A Lua script run with EVALSHA, falling back to EVAL when the server does not have it cached
/// (`NOSCRIPT`: first use, after a restart or `SCRIPT FLUSH`); EVAL also caches it for next time.
public struct RedisScript: Sendable, Hashable {
    public let source: String
    /// The SHA-1 of `source`, the name Redis gives the script.
    public let sha1: String

    public init(_ source: String) {
        self.source = source
        sha1 = SHA1.hexDigest(source.utf8)
    }
}

extension RedisConnection {
    /// Runs `script` with `keys` (KEYS[]) and `arguments` (ARGV[]); an error raised by the script is thrown.
    @discardableResult
    public func evaluate(_ script: RedisScript, keys: [RedisArgument] = [], arguments: [RedisArgument] = []) throws(RedisError) -> RedisValue {
        let tail = [RedisArgument(keys.count)] + keys + arguments
        do {
            return try send(["EVALSHA", RedisArgument(script.sha1)] + tail)
        } catch where error.serverErrorKind == "NOSCRIPT" {
            return try send(["EVAL", RedisArgument(script.source)] + tail)
        }
    }
}

extension RedisPool {
    /// Runs `script` on a pooled connection (see `RedisConnection.evaluate`).
    @discardableResult
    public func evaluate(_ script: RedisScript, keys: [RedisArgument] = [], arguments: [RedisArgument] = []) async throws -> RedisValue {
        try await withConnection { connection throws(RedisError) in
            try await connection.evaluate(script, keys: keys, arguments: arguments)
        }
    }
}
