import AMQP
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import FieldOpsCore
import Jobs
import Synchronization
import Telemetry

/// Consumes one queue and runs its handler on each message, acknowledging only after the handler
/// succeeded. Failures go through the retry path or to the parking queue — each republish is
/// confirmed by the broker before the original is acknowledged, so no failure loses a message.
///
/// `run()` returns after `stop()`: the consumer is cancelled, and messages already being handled
/// are finished and acknowledged (the caller bounds this with the grace period).
public final class Worker<Handler: MessageHandler>: Sendable {
    private let configuration: WorkerConfiguration
    private let connection: AMQPConnection
    private let handler: Handler
    private let jobs: JobStore?
    private let logger: Logger
    private let metrics: WorkerMetrics
    private let series: WorkerMetrics.QueueSeries
    private let tracer: Tracer
    private let consumerTag: String
    /// The consumer span's name, made once rather than per message.
    private let spanName: String
    /// Reads bodies as Foundation's `JSONDecoder` would, for a tenth of its cost per message.
    private let decoder = JSONTapeDecoder()
    private let stopping = Atomic<Bool>(false)

    public init(
        configuration: WorkerConfiguration, connection: AMQPConnection, handler: Handler, jobs: JobStore?,
        logger: Logger, metrics: WorkerMetrics, tracer: Tracer = .noop
    ) {
        self.configuration = configuration
        self.connection = connection
        self.handler = handler
        self.jobs = jobs
        self.logger = logger.with("queue", configuration.queue)
        self.metrics = metrics
        series = metrics.series(for: configuration.queue)
        self.tracer = tracer
        consumerTag = "\(configuration.queue)-\(UUID.random().uuidString.prefix(8).lowercased())"
        spanName = "\(configuration.queue) process"
    }

    public func run() async throws {
        let consumer = try await connection.consume(queue: configuration.queue, prefetch: configuration.prefetch, consumerTag: consumerTag)
        let acknowledger = Acknowledger(consumer: consumer, holdLimit: Int(configuration.prefetch) / 2, logger: logger)
        logger.info("consuming", ["prefetch": "\(configuration.prefetch)", "concurrency": "\(configuration.concurrency)"])
        try await withThrowingTaskGroup(of: Void.self) { group in
            var running = 0
            for try await delivery in consumer {
                if running >= configuration.concurrency {
                    try await group.next()
                    running -= 1
                }
                acknowledger.received(delivery.deliveryTag)
                group.addTask { await self.process(delivery, consumer: consumer, acknowledger: acknowledger) }
                running += 1
            }
            // The consumer was cancelled: what is in flight finishes and is acknowledged, then the
            // consumer's channel closes.
            try await group.waitForAll()
        }
        await acknowledger.drain()
        try await consumer.close()
        logger.info("stopped consuming")
    }

    /// Cancels the consumer: deliveries not yet started return to the queue, `run()` returns once
    /// in-flight messages are done.
    public func stop() async {
        guard !stopping.exchange(true, ordering: .relaxed) else { return }
        do {
            try await connection.cancel(consumerTag: consumerTag)
        } catch {
            logger.warning("consumer cancel failed", ["error": "\(error)"])
        }
    }

    private func process(_ delivery: AMQPDelivery, consumer: AMQPConsumer, acknowledger: Acknowledger) async {
        let started = ContinuousClock.now
        let queue = configuration.queue
        series.inFlight.increment()
        defer {
            series.inFlight.decrement()
            series.processing.observe(ContinuousClock.now - started)
        }

        let envelope: IncomingEnvelope
        do {
            envelope = try IncomingEnvelope(delivery.encodedProperties)
        } catch {
            await settle(delivery, consumer: consumer, acknowledger: acknowledger, jobID: nil, attempt: 1, failure: .permanent(error.description), logger: logger)
            return
        }
        // One consumer span per delivery, a child of the publisher's: a request can be followed from
        // the gateway through every worker it reaches.
        let span = tracer.startSpan(name: spanName, kind: .consumer, parent: envelope.parent, attributes: tracer.isRecording ? [
            "messaging.destination.name": .string(queue), "messaging.message.id": .string(envelope.messageID),
            "tenant": .string(envelope.tenant), "attempt": .int(Int64(envelope.attempt)),
        ] : [:])
        let context = MessageContext(
            messageID: envelope.messageID, tenant: envelope.tenant, jobID: envelope.jobID, attempt: envelope.attempt,
            redelivered: delivery.redelivered, queue: queue, trace: span.context, workerLogger: logger
        )

        if let failure = await handle(delivery, context: context, acknowledger: acknowledger) {
            await settle(delivery, consumer: consumer, acknowledger: acknowledger, jobID: context.jobID, attempt: context.attempt, failure: failure, logger: context.logger)
            span.end(status: .error(message: failureText(failure)))
        } else {
            span.end(status: .ok)
        }
    }

    /// Decodes, validates and runs the handler; acknowledges on success (nil), else says how it failed.
    private func handle(_ delivery: AMQPDelivery, context: MessageContext, acknowledger: Acknowledger) async -> HandlerFailure? {
        let message: Handler.Message
        do {
            message = try Handler.Message.decode(body: delivery.body, type: delivery.encodedProperties.type, decoder: decoder)
            try message.validate()
        } catch let error as MessageValidationError {
            return .permanent(error.description)
        } catch {
            return .permanent("undecodable payload: \(error)")
        }

        do {
            if let jobID = context.jobID { try await jobs?.markRunning(id: jobID, attempt: context.attempt) }
            let output = try await handler.handle(message, context: context)
            if let jobID = context.jobID { try await jobs?.markSucceeded(id: jobID, result: Array(try JSONEncoder().encode(output))) }
        } catch let error as PermanentFailure {
            return .permanent("\(error)")
        } catch let error as RetryAdvice where error.retryCannotHelp {
            return .permanent("\(error)")
        } catch {
            return .transient("\(error)")
        }
        acknowledger.finished(delivery.deliveryTag, needsAck: true)
        series.succeeded.increment()
        return nil
    }

    /// Sends a failed message on its way (retry tier or parking queue), then acknowledges it. When
    /// that republish fails, the message is requeued instead: the broker's delivery limit is the
    /// last safety net.
    private func settle(
        _ delivery: AMQPDelivery, consumer: AMQPConsumer, acknowledger: Acknowledger, jobID: UUID?, attempt: Int,
        failure: HandlerFailure, logger: Logger
    ) async {
        let queue = configuration.queue
        let decision = configuration.retryPolicy.decision(afterFailedAttempt: attempt, failure: failure)
        var properties = delivery.properties
        var headers = properties.headers ?? [:]
        do {
            switch decision {
            case .retry(let tier, let expiration, let nextAttempt):
                headers[MeshHeader.attempt] = .int32(Int32(clamping: nextAttempt))
                headers[MeshHeader.retryTier] = .string(tier.name)
                properties.headers = headers
                properties.expiration = String(max(1, expiration.wholeMilliseconds))
                try await connection.publish(exchange: MeshExchange.retry, routingKey: queue, body: delivery.body, properties: properties, mandatory: true)
                if let jobID { try await jobs?.markRetrying(id: jobID) }
                metrics.retries.increment(labels: [queue, tier.name])
                metrics.messages.increment(labels: [queue, "retried"])
                logger.warning("handler failed, retrying", ["error": failureText(failure), "retry.tier": tier.name])
            case .park(let reason):
                headers[MeshHeader.attempt] = .int32(Int32(clamping: attempt))
                headers[MeshHeader.parkReason] = .string(String(reason.prefix(1024)))
                headers[MeshHeader.originQueue] = .string(queue)
                headers[MeshHeader.parkedAt] = .int64(Int64(Date().timeIntervalSince1970))
                properties.headers = headers
                properties.expiration = nil
                try await connection.publish(exchange: MeshExchange.dead, routingKey: queue, body: delivery.body, properties: properties, mandatory: true)
                if let jobID { try await jobs?.markFailed(id: jobID, error: Array(try JSONEncoder().encode(["reason": reason]))) }
                metrics.parked.increment(labels: [queue])
                metrics.messages.increment(labels: [queue, "parked"])
                logger.error("message parked", ["reason": reason])
            }
            acknowledger.finished(delivery.deliveryTag, needsAck: true)
        } catch {
            logger.error("could not route a failed message; requeueing it", ["error": "\(error)"])
            metrics.messages.increment(labels: [queue, "requeued"])
            try? await consumer.nack(deliveryTag: delivery.deliveryTag, requeue: true)
            acknowledger.finished(delivery.deliveryTag, needsAck: false)
        }
    }

    private func failureText(_ failure: HandlerFailure) -> String {
        switch failure {
        case .transient(let text), .permanent(let text): text
        }
    }
}
