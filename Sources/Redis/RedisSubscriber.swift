import FieldOpsCore
import Telemetry

/// A dedicated pub/sub connection: SUBSCRIBE/PSUBSCRIBE and read the pushed messages from `messages`.
///
/// It runs on a thread of its own (a subscribed connection blocks reading). When the connection is
/// lost (server restart, `CLIENT KILL`) it reconnects with `Backoff` and subscribes again to every
/// channel and pattern; messages published while it was away are lost (Redis pub/sub is at-most-once).
/// `messages` has one consumer; it ends when `close()` is called, and cancelling the consuming task
/// closes the subscriber.
public final class RedisSubscriber: Sendable {
    public let messages: AsyncStream<RedisPubSubMessage>
    private let control: SubscriberControl

    public init(configuration: RedisConfiguration, logger: Logger, backoff: Backoff = Backoff()) throws(RedisError) {
        let control = try SubscriberControl()
        let (messages, output) = AsyncStream.makeStream(of: RedisPubSubMessage.self)
        output.onTermination = { _ in control.close() }
        do {
            try DedicatedThread.start(purpose: "a Redis subscriber") {
                SubscriberLoop(control: control, configuration: configuration, logger: logger, backoff: backoff, output: output).run()
            }
        } catch {
            throw RedisError(.connectionFailed, error.description)
        }
        self.control = control
        self.messages = messages
    }

    deinit {
        control.close()
    }

    /// Returns once the server confirmed every channel (after a reconnect if the connection is down).
    public func subscribe(_ channels: [String]) async throws {
        try await change(.subscribe, channels)
    }

    public func unsubscribe(_ channels: [String]) async throws {
        try await change(.unsubscribe, channels)
    }

    /// Glob-style patterns (`tenant:*:events`); matches arrive with `pattern` set.
    public func psubscribe(_ patterns: [String]) async throws {
        try await change(.psubscribe, patterns)
    }

    public func punsubscribe(_ patterns: [String]) async throws {
        try await change(.punsubscribe, patterns)
    }

    /// The server's id for the current connection (for `CLIENT KILL ID`), nil while disconnected.
    public var clientID: Int? {
        let id = control.clientID.load(ordering: .relaxed)
        return id == 0 ? nil : id
    }

    /// Disconnects, ends `messages`, and fails subscription calls still waiting.
    public func close() {
        control.close()
    }

    private func change(_ kind: SubscriberControl.Change.Kind, _ names: [String]) async throws {
        var unique: [String] = []
        for name in names where !unique.contains(name) { unique.append(name) }
        guard !unique.isEmpty else { throw RedisError(.invalidArgument, "\(kind.rawValue) needs at least one name") }
        try await withCheckedThrowingContinuation { continuation in
            let change = SubscriberControl.Change(kind: kind, names: unique, continuation: continuation)
            if !control.submit(change) {
                continuation.resume(throwing: RedisError(.connectionClosed, "the subscriber is closed"))
            }
        }
    }
}
