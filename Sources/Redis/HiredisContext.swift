import CHiredis
#if canImport(Glibc)
import Glibc
#endif

/// One hiredis blocking context: connect, handshake, write commands, read replies.
///
/// Not `Sendable`: it lives on one thread (a `RedisConnection`'s executor or the subscriber's loop).
/// Any I/O or protocol error leaves hiredis's context unusable, so the first such error is thrown and
/// every later call throws `connectionClosed`.
final class HiredisContext {
    private let context: UnsafeMutablePointer<redisContext>
    private(set) var failure: RedisError?

    /// Connects with the connect timeout, sets the command timeout, then AUTH and SELECT as configured.
    init(configuration: RedisConfiguration) throws(RedisError) {
        guard let context = redisConnectWithTimeout(
            configuration.host, Int32(clamping: configuration.port), timeval(configuration.connectTimeout)
        ) else {
            throw RedisError(.connectionFailed, "could not allocate a hiredis context")
        }
        if context.pointee.err != 0 {
            let message = Self.errorText(context)
            redisFree(context)
            throw RedisError(.connectionFailed, "\(configuration.host):\(configuration.port): \(message)")
        }
        self.context = context
        redisSetTimeout(context, timeval(configuration.commandTimeout))
        redisEnableKeepAlive(context)
        try handshake(configuration)
    }

    deinit {
        redisFree(context)
    }

    var socket: Int32 { context.pointee.fd }

    /// Sends pre-encoded commands and reads `replyCount` replies.
    func roundTrip(_ encoded: [UInt8], replyCount: Int) throws(RedisError) -> [RedisValue] {
        try append(encoded)
        var replies: [RedisValue] = []
        replies.reserveCapacity(replyCount)
        for _ in 0..<replyCount {
            replies.append(try readReply())
        }
        return replies
    }

    /// Copies encoded commands into hiredis's output buffer (written on the next read or flush).
    func append(_ encoded: [UInt8]) throws(RedisError) {
        try checkUsable()
        guard !encoded.isEmpty else { return }
        let status = encoded.withUnsafeBytes { raw in
            redisAppendFormattedCommand(context, raw.baseAddress!.assumingMemoryBound(to: CChar.self), raw.count)
        }
        if status != REDIS_OK { throw fail() }
    }

    /// Blocks until one reply is read (flushing pending output first).
    func readReply() throws(RedisError) -> RedisValue {
        try checkUsable()
        var reply: UnsafeMutableRawPointer?
        guard redisGetReply(context, &reply) == REDIS_OK, let reply else { throw fail() }
        defer { freeReplyObject(reply) }
        return RedisValue(reply.assumingMemoryBound(to: redisReply.self))
    }

    /// Writes all pending output without reading (the subscriber reads when poll says so).
    func flush() throws(RedisError) {
        try checkUsable()
        var done: Int32 = 0
        while done == 0 {
            if redisBufferWrite(context, &done) != REDIS_OK { throw fail() }
        }
    }

    /// Reads what the socket has into the reply parser; call when poll reports the socket readable.
    func fillReadBuffer() throws(RedisError) {
        try checkUsable()
        if redisBufferRead(context) != REDIS_OK { throw fail() }
    }

    /// A reply already parsed from bytes read earlier, without touching the socket.
    func bufferedReply() throws(RedisError) -> RedisValue? {
        try checkUsable()
        var reply: UnsafeMutableRawPointer?
        guard redisGetReplyFromReader(context, &reply) == REDIS_OK else { throw fail() }
        guard let reply else { return nil }
        defer { freeReplyObject(reply) }
        return RedisValue(reply.assumingMemoryBound(to: redisReply.self))
    }

    private func handshake(_ configuration: RedisConfiguration) throws(RedisError) {
        var commands: [[RedisArgument]] = []
        if let password = configuration.password {
            let user = configuration.username.map { [RedisArgument($0)] } ?? []
            commands.append(["AUTH"] + user + [RedisArgument(password)])
        }
        if configuration.database != 0 {
            commands.append(["SELECT", RedisArgument(configuration.database)])
        }
        guard !commands.isEmpty else { return }
        var encoder = RESPEncoder()
        commands.forEach { encoder.append(command: $0) }
        for reply in try roundTrip(encoder.buffer, replyCount: commands.count) {
            if let error = reply.error {
                failure = RedisError(.connectionFailed, "handshake refused: \(error.message)")
                throw failure!
            }
        }
    }

    private func checkUsable() throws(RedisError) {
        if let failure { throw RedisError(.connectionClosed, "connection unusable after: \(failure.message)") }
    }

    /// Records the context's error (read right after the failing call, while `errno` still holds it).
    private func fail() -> RedisError {
        let savedErrno = errno
        let message = Self.errorText(context)
        let error: RedisError = switch context.pointee.err {
        case REDIS_ERR_IO where savedErrno == EAGAIN || savedErrno == EWOULDBLOCK:
            RedisError(.timeout, "no reply within the command timeout")
        case REDIS_ERR_PROTOCOL: RedisError(.protocolError, message)
        default: RedisError(.connectionClosed, message.isEmpty ? "connection lost" : message)
        }
        failure = error
        return error
    }

    private static func errorText(_ context: UnsafeMutablePointer<redisContext>) -> String {
        withUnsafeBytes(of: context.pointee.errstr) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
    }
}

extension RedisValue {
    /// Copies a hiredis reply tree into Swift values (the caller frees the reply).
    init(_ reply: UnsafePointer<redisReply>) {
        let node = reply.pointee
        switch node.type {
        case REDIS_REPLY_STRING:
            self = .bulk(Array(UnsafeRawBufferPointer(start: node.str, count: node.len)))
        case REDIS_REPLY_STATUS:
            self = .simpleString(Self.text(node))
        case REDIS_REPLY_ERROR:
            self = .error(Self.text(node))
        case REDIS_REPLY_INTEGER:
            self = .integer(Int(node.integer))
        case REDIS_REPLY_ARRAY:
            self = .array((0..<node.elements).map { RedisValue(node.element[$0]!) })
        default:
            self = .null
        }
    }

    private static func text(_ node: redisReply) -> String {
        String(decoding: UnsafeRawBufferPointer(start: node.str, count: node.len), as: UTF8.self)
    }
}

extension timeval {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self.init(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
    }
}
