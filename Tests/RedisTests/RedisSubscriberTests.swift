import Redis
import Synchronization
import Testing

@Suite("RedisSubscriber")
struct RedisSubscriberTests {
    /// Drains a subscriber's stream in the background so a test can wait for what arrived.
    final class Inbox: Sendable {
        private final class Received: Sendable {
            let list = Mutex<[RedisPubSubMessage]>([])
        }

        private let received = Received()

        init(_ subscriber: RedisSubscriber) {
            Task { [received] in
                for await message in subscriber.messages {
                    received.list.withLock { $0.append(message) }
                }
            }
        }

        var messages: [RedisPubSubMessage] { received.list.withLock { $0 } }

        /// Waits (polling, up to `timeout`) until `condition` holds for what arrived.
        func waitFor(within timeout: Duration = .seconds(10), _ condition: ([RedisPubSubMessage]) -> Bool) async throws -> Bool {
            let deadline = ContinuousClock.now + timeout
            while ContinuousClock.now < deadline {
                if condition(messages) { return true }
                try await Task.sleep(for: .milliseconds(10))
            }
            return condition(messages)
        }
    }

    @Test("messages arrive in publish order, on channels and patterns")
    func ordered() async throws {
        try await TestRedis.withPrefix("pubsub-order") { pool, prefix in
            let subscriber = try RedisSubscriber(configuration: TestRedis.configuration, logger: TestRedis.logger)
            defer { subscriber.close() }
            let inbox = Inbox(subscriber)
            let channel = prefix + "events"
            try await subscriber.subscribe([channel])
            try await subscriber.psubscribe([prefix + "gps:*"])

            for index in 0..<200 {
                #expect(try await pool.publish(Array("m\(index)".utf8) + [0, 0xFF], to: channel) == 1)
            }
            try await pool.publish("fix", to: prefix + "gps:device-9")
            #expect(try await inbox.waitFor { $0.count == 201 })
            let onChannel = inbox.messages.filter { $0.channel == channel }
            #expect(onChannel.map(\.payload) == (0..<200).map { Array("m\($0)".utf8) + [0, 0xFF] })
            #expect(inbox.messages.last == RedisPubSubMessage(channel: prefix + "gps:device-9", pattern: prefix + "gps:*", payload: Array("fix".utf8)))

            try await subscriber.unsubscribe([channel])
            #expect(try await pool.publish("late", to: channel) == 0)
        }
    }

    @Test("a subscriber whose connection is killed reconnects and resubscribes")
    func survivesKill() async throws {
        try await TestRedis.withPrefix("pubsub-kill") { pool, prefix in
            let subscriber = try RedisSubscriber(
                configuration: TestRedis.configuration, logger: TestRedis.logger,
                backoff: .init(initial: .milliseconds(20), maximum: .milliseconds(100))
            )
            defer { subscriber.close() }
            let inbox = Inbox(subscriber)
            let channel = prefix + "alerts"
            try await subscriber.subscribe([channel])
            let before = try #require(subscriber.clientID)

            try await TestRedis.kill(clientID: before)
            // Messages published while it is away are lost by design; publish until one gets through.
            var received = false
            for round in 0..<200 where !received {
                try await pool.publish("after-\(round)", to: channel)
                received = try await inbox.waitFor(within: .milliseconds(50)) { !$0.isEmpty }
            }
            #expect(received)
            let after = try #require(subscriber.clientID)
            #expect(after != before)
        }
    }

    @Test("subscribing after close fails with connectionClosed")
    func closedRefuses() async throws {
        let subscriber = try RedisSubscriber(configuration: TestRedis.configuration, logger: TestRedis.logger)
        subscriber.close()
        let error = await #expect(throws: RedisError.self) { try await subscriber.subscribe(["x"]) }
        #expect(error?.code == .connectionClosed)
    }
}
