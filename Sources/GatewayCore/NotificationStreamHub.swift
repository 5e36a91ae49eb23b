import FieldOpsCore
import Foundation
import HTTPServer
import NotificationDelivery
import Redis
import Synchronization
import Telemetry

/// Feeds every live `GET /v1/notifications/stream` of this gateway from one Redis pattern
/// subscription (`NotificationStream.pattern`), rather than one subscriber thread per client. The
/// subscription starts with the first stream and then stays.
final class NotificationStreamHub: Sendable {
    private struct State {
        var subscriber: RedisSubscriber?
        var listeners: [String: [UUID: AsyncStream<ServerSentEvent>.Continuation]] = [:]
    }

    private let configuration: RedisConfiguration
    private let logger: Logger
    private let state = Mutex(State())
    /// Serialises starting the subscription, which waits for Redis outside the state lock.
    private let starting = Mutex<Task<Void, any Error>?>(nil)

    init(configuration: RedisConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger.with("component", "notification-stream")
    }

    /// The live events of one user: first a `ready` event (the subscription is in place), then one
    /// `notification` event per in-app notification. Ends when the client goes away.
    func events(tenant: String, user: String) async throws -> AsyncStream<ServerSentEvent> {
        try await subscribed()
        let key = NotificationStream.channel(tenant: tenant, user: user)
        let id = UUID.random()
        let (stream, continuation) = AsyncStream.makeStream(of: ServerSentEvent.self, bufferingPolicy: .bufferingNewest(256))
        continuation.yield(ServerSentEvent(event: "ready", data: "{}", retry: 3000))
        state.withLock { $0.listeners[key, default: [:]][id] = continuation }
        continuation.onTermination = { [weak self] _ in
            self?.state.withLock { state in
                state.listeners[key]?[id] = nil
                if state.listeners[key]?.isEmpty == true { state.listeners[key] = nil }
            }
        }
        return stream
    }

    private func subscribed() async throws {
        let task = starting.withLock { task in
            if let task { return task }
            let started = Task { try await self.start() }
            task = started
            return started
        }
        do {
            try await task.value
        } catch {
            // Let the next client try again.
            starting.withLock { $0 = nil }
            throw HTTPError.unavailable("Live notifications are unavailable; list them instead.", retryAfterSeconds: 5)
        }
    }

    private func start() async throws {
        let subscriber = try RedisSubscriber(configuration: configuration, logger: logger)
        try await subscriber.psubscribe([NotificationStream.pattern])
        state.withLock { $0.subscriber = subscriber }
        Task { [weak self] in
            for await message in subscriber.messages {
                guard let self else { return }
                let listeners = state.withLock { Array(($0.listeners[message.channel] ?? [:]).values) }
                let data = String(decoding: message.payload, as: UTF8.self)
                let id = (try? JSONDecoder().decode(Identified.self, from: Data(message.payload)))?.id
                for listener in listeners { listener.yield(ServerSentEvent(id: id, event: "notification", data: data)) }
            }
        }
    }

    private struct Identified: Decodable {
        let id: String
    }
}
