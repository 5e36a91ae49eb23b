import AMQP

/// Reads, replays and purges one parking queue without losing what it does not touch.
///
/// Messages are read from the head with a consumer whose prefetch is the number wanted, so the broker
/// hands them all over unacknowledged; cancelling the consumer then returns every one not explicitly
/// acknowledged to the queue, in its original order. Nothing is ever acknowledged except a replayed
/// message whose republish the broker has confirmed.
public final class ParkingLot: Sendable {
    /// The largest window one read can hold: the prefetch is a 16-bit number.
    public static let maximumLimit = Int(UInt16.max)

    public let queue: ParkingQueue
    private let connection: AMQPConnection
    private let readTimeout: Duration

    /// `readTimeout` bounds the wait for the messages the queue reported: another consumer on the
    /// parking queue, or an expiry meanwhile, leaves fewer to read than counted.
    public init(queue: ParkingQueue, connection: AMQPConnection, readTimeout: Duration = .seconds(5)) {
        self.queue = queue
        self.connection = connection
        self.readTimeout = readTimeout
    }

    /// The first `limit` parked messages, head first. They stay parked.
    public func list(limit: Int) async throws -> [ParkedMessage] {
        try await withWindow(limit: limit) { messages, _ in messages }
    }

    /// The parked message with this id among the first `limit`, left in place.
    public func message(id: String, limit: Int) async throws -> ParkedMessage? {
        try await list(limit: limit).first { $0.messageID == id }
    }

    /// Republishes the selected messages among the first `limit` to their origin queue and removes
    /// each from the parking queue once the broker confirmed its copy. Returns what was replayed.
    public func replay(_ selection: ReplaySelection, limit: Int) async throws -> [ParkedMessage] {
        try await withWindow(limit: limit) { messages, acknowledge in
            var replayed: [ParkedMessage] = []
            for message in messages where selection.includes(message) {
                do {
                    // Mandatory: a missing origin queue fails the publish instead of dropping the message.
                    try await connection.publish(
                        exchange: "", routingKey: message.originQueue, body: message.body, properties: message.replayProperties,
                        mandatory: true
                    )
                    // A crash between the confirm and this ack leaves a duplicate at worst; the
                    // worker's inbox makes the second copy a no-op.
                    try await acknowledge(message)
                } catch {
                    throw OperationsError(
                        .replayInterrupted,
                        "replayed \(replayed.count) message(s), then failed on \(message.messageID ?? "position \(message.position)") "
                            + "for \(message.originQueue): \(error)"
                    )
                }
                replayed.append(message)
            }
            return replayed
        }
    }

    /// Drops every message of the parking queue; returns how many.
    public func purge() async throws -> UInt32 {
        do {
            return try await connection.purgeQueue(name: queue.name)
        } catch {
            throw explained(error)
        }
    }

    /// Reads up to `limit` messages from the head, runs `body` on them (it may acknowledge some), then
    /// cancels the consumer, which returns every other one to the queue, and waits until the broker
    /// shows them back: quorum queues apply the return asynchronously, and the next command must see them.
    private func withWindow(
        limit: Int, _ body: ([ParkedMessage], _ acknowledge: (ParkedMessage) async throws -> Void) async throws -> [ParkedMessage]
    ) async throws -> [ParkedMessage] {
        guard (1...Self.maximumLimit).contains(limit) else {
            throw OperationsError(.invalidRequest, "the limit must be between 1 and \(Self.maximumLimit), not \(limit)")
        }
        let ready = try await readyCount()
        let wanted = min(ready, limit)
        guard wanted > 0 else { return [] }

        let consumer = try await connection.consume(queue: queue.name, prefetch: UInt16(wanted))
        var acknowledged = 0
        let outcome: Result<[ParkedMessage], any Error>
        do {
            let deliveries = try await collect(wanted, from: consumer)
            let messages = deliveries.enumerated().map { ParkedMessage(position: $0.offset + 1, delivery: $0.element, queue: queue) }
            outcome = .success(try await body(messages) { message in
                try await consumer.ack(deliveryTag: message.deliveryTag)
                acknowledged += 1
            })
        } catch {
            outcome = .failure(error)
        }
        // close, not cancel: what was read but not acknowledged goes back to the queue now.
        try await consumer.close()
        try await waitUntilReady(ready - acknowledged)
        return try outcome.get()
    }

    private func readyCount() async throws -> Int {
        do {
            return Int(try await connection.inspectQueue(name: queue.name).messageCount)
        } catch {
            throw explained(error)
        }
    }

    /// Polls until the queue holds `count` ready messages again, for at most `readTimeout` (after
    /// that the messages are still safe in the broker, only not yet counted).
    private func waitUntilReady(_ count: Int) async throws {
        let deadline = ContinuousClock.now + readTimeout
        while try await readyCount() < count, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// The first `count` deliveries, or fewer if no more arrive within `readTimeout`.
    private func collect(_ count: Int, from consumer: AMQPConsumer) async throws -> [AMQPDelivery] {
        let timeout = readTimeout
        return try await withThrowingTaskGroup(of: [AMQPDelivery]?.self) { group in
            group.addTask {
                var deliveries: [AMQPDelivery] = []
                // Cancelling this task ends the iteration with what was read so far.
                for try await delivery in consumer {
                    deliveries.append(delivery)
                    if deliveries.count == count { break }
                }
                return deliveries
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            while let finished = try await group.next() {
                group.cancelAll()
                if let deliveries = finished { return deliveries }
            }
            return []
        }
    }

    /// The broker answers 404 for a queue that does not exist: say which one in words.
    private func explained(_ error: AMQPError) -> any Error {
        error.replyCode == 404 ? OperationsError(.notFound, "no parking queue \(queue.name)") : error
    }
}
