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

    /// Runs `script` once per invocation, all in one pipelined round trip; replies in order, an error
    /// raised by one run stays in its place as `.error`. Runs the server did not have the script for
    /// are sent again, after loading it, so each invocation runs exactly once.
    public func evaluate(_ script: RedisScript, each invocations: [(keys: [RedisArgument], arguments: [RedisArgument])]) throws(RedisError) -> [RedisValue] {
        let commands: [[RedisArgument]] = invocations.map { invocation in
            ["EVALSHA", RedisArgument(script.sha1), RedisArgument(invocation.keys.count)] + invocation.keys + invocation.arguments
        }
        var replies = try pipeline(commands)
        let missing = replies.indices.filter { replies[$0].error?.serverErrorKind == "NOSCRIPT" }
        guard !missing.isEmpty else { return replies }
        try send(["SCRIPT", "LOAD", RedisArgument(script.source)])
        for (index, reply) in zip(missing, try pipeline(missing.map { commands[$0] })) {
            replies[index] = reply
        }
        return replies
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
