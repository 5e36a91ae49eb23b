/// A message received by a `RedisSubscriber`.
public struct RedisPubSubMessage: Sendable, Hashable {
    public let channel: String
    /// The pattern that matched, for messages received through `psubscribe`.
    public let pattern: String?
    public let payload: [UInt8]

    public init(channel: String, pattern: String?, payload: [UInt8]) {
        self.channel = channel
        self.pattern = pattern
        self.payload = payload
    }
}

extension RedisPool {
    /// Publishes on a pooled connection; returns how many subscribers received the message.
    /// Redis pub/sub is at-most-once: subscribers that are disconnected at that moment miss it.
    @discardableResult
    public func publish(_ payload: [UInt8], to channel: String) async throws -> Int {
        let reply = try await send(["PUBLISH", RedisArgument(channel), RedisArgument(payload)])
        guard let receivers = reply.int else { throw RedisError(.unexpectedReply, "PUBLISH returned \(reply)") }
        return receivers
    }

    @discardableResult
    public func publish(_ payload: String, to channel: String) async throws -> Int {
        try await publish(Array(payload.utf8), to: channel)
    }
}
