import FieldOpsCore
import Telemetry

/// A connection to RabbitMQ, safe to share between tasks.
///
/// rabbitmq-c is not thread-safe, so one dedicated thread owns the connection; every method here
/// posts a command to it and suspends until it answers. Declarations run on one channel, publishes
/// on a confirm-mode channel, and each consumer gets a channel of its own. After a lost connection the
/// owner thread reconnects with backoff and restores declarations and consumers; publishes that were in
/// flight fail with `.connectionClosed` meanwhile (callers decide whether to retry).
///
/// Releasing the last reference closes the connection (and ends its consumers' sequences), so keep
/// it alive as long as its consumers are iterated.
public final class AMQPConnection: Sendable {
    public let configuration: AMQPConfiguration
    private let mailbox: Mailbox
    private let status: StateBroadcast

    private init(configuration: AMQPConfiguration, mailbox: Mailbox, status: StateBroadcast) {
        self.configuration = configuration
        self.mailbox = mailbox
        self.status = status
    }

    /// Opens the connection; fails if the broker cannot be reached or refuses the login
    /// (reconnecting is for connections that worked once).
    public static func connect(configuration: AMQPConfiguration, logger: Logger) async throws(AMQPError) -> AMQPConnection {
        try configuration.validate()
        let mailbox = try Mailbox()
        let status = StateBroadcast()
        let driver = ConnectionDriver(
            configuration: configuration, logger: logger.with("amqp.connection", configuration.connectionName ?? "unnamed"),
            mailbox: mailbox, status: status
        )
        let started: Result<Void, AMQPError> = await withCheckedContinuation { reply in
            do throws(AMQPError) {
                try OwnerThread.start { driver.run(firstConnection: reply) }
            } catch {
                reply.resume(returning: .failure(error))
            }
        }
        try started.get()
        return AMQPConnection(configuration: configuration, mailbox: mailbox, status: status)
    }

    deinit {
        _ = mailbox.post(.close(nil))
    }

    // MARK: State

    public var state: AMQPConnectionState { status.current }

    /// `true` while the broker is reachable: what a readiness probe reports.
    public var isConnected: Bool { status.current == .connected }

    /// The current state, then every change; ends after `.closed`.
    public func stateChanges() -> AsyncStream<AMQPConnectionState> { status.stream() }

    /// Closes consumers, waits briefly for publishes already sent to be confirmed, then closes the
    /// connection. Later calls fail with `.clientClosed`.
    public func close() async {
        let _: Result<Void, AMQPError> = await withCheckedContinuation { reply in
            if !mailbox.post(.close(reply)) { reply.resume(returning: .success(())) }
        }
    }

    // MARK: Topology

    public func declareExchange(
        name: String, type: AMQPExchangeType, durable: Bool = true, autoDelete: Bool = false, internal: Bool = false,
        arguments: AMQPFieldTable = [:]
    ) async throws(AMQPError) {
        _ = try await run(.declareExchange(
            name: name, type: type, durable: durable, autoDelete: autoDelete, isInternal: `internal`, arguments: arguments
        ))
    }

    public func deleteExchange(name: String, ifUnused: Bool = false) async throws(AMQPError) {
        _ = try await run(.deleteExchange(name: name, ifUnused: ifUnused))
    }

    /// Declares a queue (an empty name lets the broker pick one, returned in the result).
    @discardableResult
    public func declareQueue(
        name: String, durable: Bool = true, exclusive: Bool = false, autoDelete: Bool = false,
        arguments: AMQPFieldTable = [:]
    ) async throws(AMQPError) -> AMQPQueueInfo {
        try await queueInfo(.declareQueue(
            name: name, passive: false, durable: durable, exclusive: exclusive, autoDelete: autoDelete, arguments: arguments
        ))
    }

    /// Message and consumer counts of an existing queue (a passive declare: `.channelClosed` 404 if absent).
    public func inspectQueue(name: String) async throws(AMQPError) -> AMQPQueueInfo {
        try await queueInfo(.declareQueue(
            name: name, passive: true, durable: false, exclusive: false, autoDelete: false, arguments: [:]
        ))
    }

    public func bindQueue(queue: String, exchange: String, routingKey: String, arguments: AMQPFieldTable = [:]) async throws(AMQPError) {
        _ = try await run(.bindQueue(queue: queue, exchange: exchange, routingKey: routingKey, arguments: arguments))
    }

    public func unbindQueue(queue: String, exchange: String, routingKey: String, arguments: AMQPFieldTable = [:]) async throws(AMQPError) {
        _ = try await run(.unbindQueue(queue: queue, exchange: exchange, routingKey: routingKey, arguments: arguments))
    }

    public func bindExchange(
        destination: String, source: String, routingKey: String, arguments: AMQPFieldTable = [:]
    ) async throws(AMQPError) {
        _ = try await run(.bindExchange(destination: destination, source: source, routingKey: routingKey, arguments: arguments))
    }

    public func unbindExchange(
        destination: String, source: String, routingKey: String, arguments: AMQPFieldTable = [:]
    ) async throws(AMQPError) {
        _ = try await run(.unbindExchange(destination: destination, source: source, routingKey: routingKey, arguments: arguments))
    }

    /// Deletes a queue; returns how many messages it held.
    @discardableResult
    public func deleteQueue(name: String, ifUnused: Bool = false, ifEmpty: Bool = false) async throws(AMQPError) -> UInt32 {
        try await messageCount(.deleteQueue(name: name, ifUnused: ifUnused, ifEmpty: ifEmpty))
    }

    /// Drops a queue's ready messages; returns how many.
    @discardableResult
    public func purgeQueue(name: String) async throws(AMQPError) -> UInt32 {
        try await messageCount(.purgeQueue(name: name))
    }

    private func run(_ operation: TopologyOperation) async throws(AMQPError) -> TopologyResult {
        for name in operation.shortStrings { try ShortString.check(name) }
        return try await mailbox.request { .topology(operation, $0) }
    }

    private func queueInfo(_ operation: TopologyOperation) async throws(AMQPError) -> AMQPQueueInfo {
        guard case .queue(let info) = try await run(operation) else {
            throw AMQPError(.protocolError, "queue.declare answered without queue information")
        }
        return info
    }

    private func messageCount(_ operation: TopologyOperation) async throws(AMQPError) -> UInt32 {
        guard case .messageCount(let count) = try await run(operation) else { return 0 }
        return count
    }

    // MARK: Publishing

    /// Publishes one message and returns once the broker confirmed it (stored by every queue it was
    /// routed to). Throws `.publishNacked`, `.unroutable` (mandatory and no queue), `.channelClosed`
    /// (e.g. no such exchange) or `.connectionClosed` (outcome unknown: retry is the caller's call).
    public func publish(
        exchange: String, routingKey: String, body: [UInt8], properties: AMQPProperties = AMQPProperties(),
        mandatory: Bool = false
    ) async throws(AMQPError) {
        try await publishBatch([AMQPOutgoingMessage(
            exchange: exchange, routingKey: routingKey, body: body, properties: properties, mandatory: mandatory
        )])
    }

    /// Publishes messages back to back and returns once all are confirmed; throws the first failure
    /// among them (the others may have been stored).
    public func publishBatch(_ messages: [AMQPOutgoingMessage]) async throws(AMQPError) {
        for message in messages { try ShortString.check(message) }
        try await mailbox.request { .publish(messages, .all($0)) }
    }

    /// Publishes messages back to back and returns each one's outcome, in order, once all are
    /// settled: one caller can publish for many (a batch of independent requests) and tell each
    /// whether its own message was confirmed. The errors are those of `publish(exchange:…)`.
    public func publishEach(_ messages: [AMQPOutgoingMessage]) async -> [Result<Void, AMQPError>] {
        var outcomes = [Result<Void, AMQPError>](repeating: .success(()), count: messages.count)
        var valid: [AMQPOutgoingMessage] = []
        var positions: [Int] = []
        for (position, message) in messages.enumerated() {
            do throws(AMQPError) {
                try ShortString.check(message)
                valid.append(message)
                positions.append(position)
            } catch {
                outcomes[position] = .failure(error)
            }
        }
        let published: [Result<Void, AMQPError>]
        do {
            published = valid.isEmpty ? [] : try await mailbox.request { .publish(valid, .each($0)) }
        } catch {
            published = Array(repeating: .failure(error), count: valid.count)
        }
        for (position, outcome) in zip(positions, published) { outcomes[position] = outcome }
        return outcomes
    }

    // MARK: Consuming

    /// Subscribes to `queue` with manual acknowledgements. `prefetch` caps unacknowledged deliveries
    /// (0 = unlimited). An empty `consumerTag` gets a generated one, kept across reconnects.
    public func consume(
        queue: String, prefetch: UInt16, consumerTag: String = "", exclusive: Bool = false, arguments: AMQPFieldTable = [:]
    ) async throws(AMQPError) -> AMQPConsumer {
        let tag = consumerTag.isEmpty ? Self.generatedConsumerTag() : consumerTag
        try ShortString.check(queue)
        try ShortString.check(tag)
        let spec = ConsumerSpec(queue: queue, prefetch: prefetch, consumerTag: tag, exclusive: exclusive, arguments: arguments)
        let buffer = DeliveryBuffer()
        try await mailbox.request { .consume(spec, buffer, $0) }
        return AMQPConsumer(consumerTag: tag, buffer: buffer, mailbox: mailbox)
    }

    /// Cancels a consumer, as `AMQPConsumer.cancel()`: its sequence ends at once and what it had not
    /// yielded returns to the queue; its channel stays open for settling what it yielded.
    public func cancel(consumerTag: String) async throws(AMQPError) {
        try await mailbox.request { .cancel(consumerTag: consumerTag, $0) }
    }

    /// Closes a consumer, as `AMQPConsumer.close()`: its channel closes and its unsettled deliveries
    /// return to the queue.
    public func closeConsumer(consumerTag: String) async throws(AMQPError) {
        try await mailbox.request { .closeConsumer(consumerTag: consumerTag, $0) }
    }

    private static func generatedConsumerTag() -> String {
        "fieldops-" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
    }
}
