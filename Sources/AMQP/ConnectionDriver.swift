#if canImport(Glibc)
import Glibc
#endif
import CRabbitMQ
import FieldOpsCore
import Telemetry

/// Everything that touches rabbitmq-c, run by the connection's owner thread: it takes commands from
/// the mailbox, writes them, reads the broker's frames (confirms, deliveries, returns, closes) and
/// answers the waiting tasks. When the connection drops it reconnects with backoff and restores the
/// recorded topology and consumers. Not thread-safe by design: only the owner thread calls it.
final class ConnectionDriver {
    private let configuration: AMQPConfiguration
    private let logger: Logger
    private let mailbox: Mailbox
    private let status: StateBroadcast

    private var session: BrokerSession?
    private var channels = ChannelNumbers(maximum: 2047)
    private var controlChannelOpen = false
    private var publishingChannelOpen = false
    private var confirms = ConfirmTracker()
    private var topology = TopologyRecord()
    private var consumersByTag: [String: ConsumerRecord] = [:]
    private var consumersByChannel: [UInt16: ConsumerRecord] = [:]
    private var assemblies: [UInt16: ContentAssembly] = [:]
    private var nextSubscription: UInt64 = 1
    /// Commands taken from the mailbox but not yet run (a pass runs at most `confirmBatchSize` publishes).
    private var backlog: [ConnectionCommand] = []
    private var backlogIndex = 0
    /// Consumers with single acks batched in the current pass (see `runCommands`).
    private var acknowledging: [ConsumerRecord] = []
    private var closeRequested = false
    private var closeReplies: [Reply<Void>] = []
    private let pollDescriptors = UnsafeMutablePointer<pollfd>.allocate(capacity: 2)

    init(configuration: AMQPConfiguration, logger: Logger, mailbox: Mailbox, status: StateBroadcast) {
        self.configuration = configuration
        self.logger = logger
        self.mailbox = mailbox
        self.status = status
    }

    deinit { pollDescriptors.deallocate() }

    /// The owner thread's whole life: first connection (reported to `connect`), then passes until closed.
    func run(firstConnection: Reply<Void>) {
        do {
            try connect()
        } catch {
            discardSession(error)
            firstConnection.resume(returning: .failure(error))
            shutDown()
            return
        }
        firstConnection.resume(returning: .success(()))
        logger.info("AMQP connection open", ["amqp.host": configuration.host, "amqp.vhost": configuration.virtualHost])
        while !closeRequested {
            guard session != nil else {
                reconnect()
                continue
            }
            do {
                try pass()
            } catch {
                connectionLost(error)
            }
        }
        shutDown()
    }

    // MARK: Connection lifecycle

    private func connect() throws(AMQPError) {
        let session = try BrokerSession(configuration: configuration)
        self.session = session
        channels = ChannelNumbers(maximum: session.channelMax)
        try restore(session)
    }

    /// Declares again what was declared and subscribes every consumer again, on a fresh connection.
    private func restore(_ session: BrokerSession) throws(AMQPError) {
        for operation in topology.operations {
            do {
                _ = try runTopology(operation, session)
            } catch where error.leavesConnectionUsable {
                logger.warning("AMQP topology not restored", ["error": error.description])
            }
        }
        for record in Array(consumersByTag.values) {
            do {
                try subscribe(record, session)
            } catch where error.leavesConnectionUsable {
                logger.warning("AMQP consumer not restored", ["amqp.consumer": record.spec.consumerTag, "error": error.description])
            }
        }
    }

    /// Forgets everything tied to the current connection; publishes in flight fail, consumers wait
    /// for the next connection.
    private func discardSession(_ error: AMQPError) {
        session?.destroy()
        session = nil
        confirms.failAll(AMQPError(
            .connectionClosed, "the connection was lost before the broker confirmed the publish (it may or may not have been stored)",
            replyCode: error.replyCode, replyText: error.replyText
        ))
        assemblies.removeAll()
        failBatchedAcknowledgements()
        for record in consumersByTag.values {
            record.flush()
            record.channel = 0
        }
        // A cancelled consumer only stayed to settle deliveries of this connection, now all requeued.
        consumersByTag = consumersByTag.filter { !$0.value.isCancelled }
        consumersByChannel.removeAll()
        controlChannelOpen = false
        publishingChannelOpen = false
    }

    private func connectionLost(_ error: AMQPError) {
        discardSession(error)
        logger.warning("AMQP connection lost; reconnecting", ["error": error.description])
        status.set(.reconnecting(attempt: 1, lastError: error.description))
    }

    private func reconnect() {
        var attempt = 0
        while !closeRequested {
            waitWhileDisconnected(for: configuration.reconnectBackoff.delay(attempt: attempt))
            guard !closeRequested else { return }
            do {
                try connect()
                logger.info("AMQP connection re-established", ["amqp.attempts": "\(attempt + 1)"])
                status.set(.connected)
                return
            } catch {
                discardSession(error)
                attempt += 1
                // Attempts 1, 2, 4, 8…: enough to follow an outage without a line per retry.
                if attempt.nonzeroBitCount == 1 {
                    logger.warning("AMQP reconnect failed", ["error": error.description, "amqp.attempt": "\(attempt)"])
                }
                status.set(.reconnecting(attempt: attempt + 1, lastError: error.description))
            }
        }
    }

    /// Sleeps out a backoff delay while still answering commands: work that needs the broker fails
    /// at once with `.connectionClosed` (callers retry or report not-ready), `close()` ends the wait.
    private func waitWhileDisconnected(for delay: Duration) {
        let clock = ContinuousClock()
        let deadline = clock.now + delay
        while !closeRequested {
            for command in takeBacklog() {
                switch command {
                case .topology, .publish, .consume:
                    command.fail(AMQPError(.connectionClosed, "not connected to the broker (reconnecting)"))
                case .settle, .cancel, .closeConsumer, .close:
                    try? execute(command)
                }
            }
            let remaining = deadline - clock.now
            guard remaining > .zero, !closeRequested else { return }
            wait(socket: nil, milliseconds: Self.milliseconds(remaining))
        }
    }

    private func shutDown() {
        if let session {
            settleInFlightConfirms(session)
            // Reading the last confirms may itself have found the connection broken and discarded it.
            if self.session === session {
                self.session = nil
                session.close()
            }
        }
        let closed = AMQPError(.clientClosed, "the AMQP client was closed")
        confirms.failAll(closed)
        for record in consumersByTag.values { record.end(.finished) }
        consumersByTag.removeAll()
        consumersByChannel.removeAll()
        for command in takeBacklog() + mailbox.shutDown() {
            if case .close(let reply) = command { reply.map { closeReplies.append($0) } } else { command.fail(closed) }
        }
        status.set(.closed)
        logger.info("AMQP connection closed")
        for reply in closeReplies { reply.resume(returning: .success(())) }
    }

    /// Gives confirms already on their way a chance to arrive before a clean close.
    private func settleInFlightConfirms(_ session: BrokerSession) {
        let clock = ContinuousClock()
        let deadline = clock.now + configuration.operationTimeout
        do {
            while !confirms.isEmpty, clock.now < deadline {
                try readFrames(session)
                if confirms.isEmpty { break }
                wait(socket: session.socketDescriptor, milliseconds: 100)
            }
        } catch {
            discardSession(error)
        }
    }

    // MARK: One pass

    private func pass() throws(AMQPError) {
        let session = try requireSession()
        try runCommands(session)
        guard !closeRequested, self.session === session else { return }
        try readFrames(session)
        guard backlogIndex == backlog.count, mailbox.isEmpty, !session.hasBufferedInput else { return }
        wait(socket: session.socketDescriptor, milliseconds: pollMilliseconds)
    }

    /// Idle wake-up period: often enough to send heartbeats on time.
    private var pollMilliseconds: Int32 {
        configuration.heartbeatSeconds > 0 ? Int32(min(1000, configuration.heartbeatSeconds * 250)) : 1000
    }

    private func wait(socket: Int32?, milliseconds: Int32) {
        pollDescriptors[0] = pollfd(fd: mailbox.wakeup.readDescriptor, events: Int16(POLLIN), revents: 0)
        pollDescriptors[1] = pollfd(fd: socket ?? -1, events: Int16(POLLIN), revents: 0)
        let ready = poll(pollDescriptors, socket == nil ? 1 : 2, milliseconds)
        if ready > 0, pollDescriptors[0].revents != 0 { mailbox.wakeup.drain() }
    }

    private func takeBacklog() -> [ConnectionCommand] {
        let taken = Array(backlog[backlogIndex...]) + mailbox.takeAll()
        backlog.removeAll(keepingCapacity: true)
        backlogIndex = 0
        return taken
    }

    /// Runs the queued commands. Single acks are batched and written together (see
    /// `sendBatchedAcknowledgements`) before any later command that could depend on them, so each
    /// caller still sees its commands take effect in order; publishes go to another channel and
    /// do not wait for them.
    private func runCommands(_ session: BrokerSession) throws(AMQPError) {
        backlog.append(contentsOf: mailbox.takeAll())
        var published = 0
        while backlogIndex < backlog.count, published < configuration.confirmBatchSize, !closeRequested {
            let command = backlog[backlogIndex]
            backlogIndex += 1
            switch command {
            case .settle(let consumerTag, let deliveryTag, .ack(multiple: false), let reply):
                batchAcknowledgement(consumerTag, deliveryTag, reply)
                continue
            case .publish(let messages, _):
                published += messages.count
            default:
                try sendBatchedAcknowledgements(session)
            }
            try execute(command)
        }
        try sendBatchedAcknowledgements(session)
        if backlogIndex == backlog.count {
            backlog.removeAll(keepingCapacity: true)
            backlogIndex = 0
        }
    }

    private func requireSession() throws(AMQPError) -> BrokerSession {
        guard let session else { throw AMQPError(.connectionClosed, "not connected to the broker (reconnecting)") }
        return session
    }

    // MARK: Commands

    private func execute(_ command: ConnectionCommand) throws(AMQPError) {
        switch command {
        case .topology(let operation, let reply):
            try answer(reply) { () throws(AMQPError) -> TopologyResult in
                let result = try runTopology(operation, requireSession())
                topology.record(operation)
                return result
            }
        case .publish(let messages, let reply):
            try publish(messages, reply)
        case .consume(let spec, let buffer, let reply):
            try answer(reply) { () throws(AMQPError) in
                guard consumersByTag[spec.consumerTag] == nil else {
                    throw AMQPError(.invalidArgument, "consumer tag '\(spec.consumerTag)' is already in use on this connection")
                }
                let record = ConsumerRecord(spec: spec, buffer: buffer)
                do throws(AMQPError) {
                    try subscribe(record, requireSession())
                } catch {
                    consumersByTag[spec.consumerTag] = nil
                    throw error
                }
            }
        case .settle(let consumerTag, let deliveryTag, let settlement, let reply):
            try answer(reply) { () throws(AMQPError) in
                let record = try settleableRecord(consumerTag, deliveryTag)
                try requireSession().settle(deliveryTag.value, settlement, channel: record.channel)
                record.unsettled.settle(deliveryTag.value, multiple: settlement.coversEarlierDeliveries)
            }
        case .cancel(let consumerTag, let reply):
            try answer(reply) { () throws(AMQPError) in
                if let record = consumersByTag[consumerTag] { try cancel(record) }
            }
        case .closeConsumer(let consumerTag, let reply):
            try answer(reply) { () throws(AMQPError) in
                if let record = consumersByTag[consumerTag] { try close(record) }
            }
        case .close(let reply):
            closeRequested = true
            if let reply { closeReplies.append(reply) }
        }
    }

    /// The consumer that can settle `deliveryTag` now, or why it cannot: its consumer is gone, the tag
    /// belongs to an earlier subscription, or it was settled already (which the broker would punish
    /// by closing the channel with 406 PRECONDITION_FAILED, failing the consumer).
    private func settleableRecord(_ consumerTag: String, _ deliveryTag: AMQPDeliveryTag) throws(AMQPError) -> ConsumerRecord {
        guard let record = consumersByTag[consumerTag] else {
            throw AMQPError(
                .consumerCancelled,
                "consumer '\(consumerTag)' was closed or ended by the broker; its unacknowledged deliveries went back to the queue"
            )
        }
        guard deliveryTag.subscription == record.subscription, record.channel != 0, session != nil else {
            throw AMQPError(.staleDelivery, "delivery \(deliveryTag.value) came through an earlier connection or channel; the broker has requeued it already")
        }
        guard record.unsettled.isUnsettled(deliveryTag.value) else {
            throw AMQPError(
                .invalidArgument,
                "delivery \(deliveryTag.value) of consumer '\(consumerTag)' was already acknowledged, nacked or rejected"
            )
        }
        return record
    }

    /// Takes a single ack into the pass's batch, or refuses it at once.
    private func batchAcknowledgement(_ consumerTag: String, _ deliveryTag: AMQPDeliveryTag, _ reply: Reply<Void>) {
        do throws(AMQPError) {
            let record = try settleableRecord(consumerTag, deliveryTag)
            record.unsettled.batchAcknowledgement(deliveryTag.value)
            if record.batchedAcknowledgements.isEmpty { acknowledging.append(record) }
            record.batchedAcknowledgements.append(reply)
        } catch {
            reply.resume(returning: .failure(error))
        }
    }

    /// Writes the acks batched in this pass, per consumer one `multiple` ack for the run of deliveries
    /// at the bottom of its window and single acks above the first gap, then answers their callers.
    private func sendBatchedAcknowledgements(_ session: BrokerSession) throws(AMQPError) {
        while let record = acknowledging.popLast() {
            let acknowledgements = record.unsettled.takeAcknowledgements()
            let replies = record.batchedAcknowledgements
            record.batchedAcknowledgements.removeAll(keepingCapacity: true)
            do throws(AMQPError) {
                if let upTo = acknowledgements.upTo {
                    try session.settle(upTo, .ack(multiple: true), channel: record.channel)
                }
                for tag in acknowledgements.singles {
                    try session.settle(tag, .ack(multiple: false), channel: record.channel)
                }
            } catch {
                // Only a broken connection fails a write; the broker requeues every unsettled delivery.
                for reply in replies { reply.resume(returning: .failure(error)) }
                throw error
            }
            for reply in replies { reply.resume(returning: .success(())) }
        }
    }

    /// The connection broke before the batched acks were written.
    private func failBatchedAcknowledgements() {
        let error = AMQPError(.connectionClosed, "the connection was lost before the acknowledgement was sent; the broker requeues the delivery")
        while let record = acknowledging.popLast() {
            for reply in record.batchedAcknowledgements { reply.resume(returning: .failure(error)) }
            record.batchedAcknowledgements.removeAll()
        }
    }

    /// Answers `reply` with the outcome of `body`; rethrows only errors that broke the connection.
    private func answer<Value>(_ reply: Reply<Value>, _ body: () throws(AMQPError) -> Value) throws(AMQPError) {
        do {
            reply.resume(returning: .success(try body()))
        } catch {
            reply.resume(returning: .failure(error))
            if !error.leavesConnectionUsable { throw error }
        }
    }

    /// Runs `body` on `channel`; if the broker closed the channel meanwhile, forgets it before rethrowing.
    private func onChannel<Value>(_ channel: UInt16, _ body: () throws(AMQPError) -> Value) throws(AMQPError) -> Value {
        do {
            return try body()
        } catch {
            if error.code == .channelClosed { forgetChannel(channel, error) }
            throw error
        }
    }

    private func runTopology(_ operation: TopologyOperation, _ session: BrokerSession) throws(AMQPError) -> TopologyResult {
        try onChannel(ChannelNumbers.control) { () throws(AMQPError) -> TopologyResult in
            if !controlChannelOpen {
                try session.openChannel(ChannelNumbers.control)
                controlChannelOpen = true
            }
            return try session.perform(operation, channel: ChannelNumbers.control)
        }
    }

    private func publish(_ messages: [AMQPOutgoingMessage], _ reply: PublishReply) throws(AMQPError) {
        let waiter = ConfirmTracker.Waiter(reply, count: messages.count)
        var sent = 0
        do {
            let session = try requireSession()
            try onChannel(ChannelNumbers.publishing) { () throws(AMQPError) in
                guard !publishingChannelOpen else { return }
                try session.openChannel(ChannelNumbers.publishing)
                try session.selectConfirms(ChannelNumbers.publishing)
                confirms.restart()
                publishingChannelOpen = true
            }
            // One message already leaves in one segment (its first two frames are sent with MSG_MORE).
            try session.coalescingWrites(messages.count > 1) { () throws(AMQPError) in
                for message in messages {
                    try session.publish(message, channel: ChannelNumbers.publishing)
                    let key = message.mandatory
                        ? ConfirmTracker.ReturnKey(exchange: message.exchange, routingKey: message.routingKey, body: message.body)
                        : nil
                    confirms.track(waiter, index: sent, returnKey: key)
                    sent += 1
                }
            }
        } catch {
            for index in sent..<messages.count { waiter.settle(index, error) }
            if !error.leavesConnectionUsable { throw error }
        }
    }

    private func subscribe(_ record: ConsumerRecord, _ session: BrokerSession) throws(AMQPError) {
        let channel = try channels.allocate()
        record.channel = channel
        record.subscription = nextSubscription
        record.unsettled.removeAll()
        nextSubscription += 1
        consumersByChannel[channel] = record
        consumersByTag[record.spec.consumerTag] = record
        try onChannel(channel) { () throws(AMQPError) in
            try session.openChannel(channel)
            try session.consume(record.spec, channel: channel)
        }
    }

    /// Stops deliveries to `record` and ends its sequence at once; what it never yielded goes back to
    /// the queue. Its channel stays open so that yielded deliveries can still be settled.
    private func cancel(_ record: ConsumerRecord) throws(AMQPError) {
        guard !record.isCancelled else { return }
        record.isCancelled = true
        let unyielded = record.buffer.cancel()
        let channel = record.channel
        guard channel != 0, let session else {
            // Not subscribed (reconnecting): the broker requeued its deliveries with the old connection.
            forget(record)
            return
        }
        try onChannel(channel) { () throws(AMQPError) in
            // Cancel first: requeued messages must not come back to this consumer.
            try session.cancel(consumerTag: record.spec.consumerTag, channel: channel)
            for delivery in unyielded where delivery.deliveryTag.subscription == record.subscription {
                try requeue(delivery.deliveryTag.value, channel: channel, session)
                record.unsettled.settle(delivery.deliveryTag.value, multiple: false)
            }
        }
    }

    /// Cancels `record` if needed, then closes its channel (the broker requeues what is unsettled).
    private func close(_ record: ConsumerRecord) throws(AMQPError) {
        try cancel(record)
        // Cancelling forgets a consumer that had no channel left.
        guard consumersByTag[record.spec.consumerTag] === record else { return }
        let channel = record.channel
        forget(record)
        guard channel != 0, let session else { return }
        try session.closeChannel(channel)
    }

    private func requeue(_ deliveryTag: UInt64, channel: UInt16, _ session: BrokerSession) throws(AMQPError) {
        try session.settle(deliveryTag, .nack(multiple: false, requeue: true), channel: channel)
    }

    /// Drops `record` and frees its channel number; frames still arriving on that channel are ignored.
    private func forget(_ record: ConsumerRecord) {
        consumersByTag[record.spec.consumerTag] = nil
        let channel = record.channel
        guard channel != 0 else { return }
        record.channel = 0
        consumersByChannel[channel] = nil
        assemblies[channel] = nil
        channels.release(channel)
    }

    /// The broker closed `channel`: whoever depended on it learns why.
    private func forgetChannel(_ channel: UInt16, _ error: AMQPError) {
        assemblies[channel] = nil
        switch channel {
        case ChannelNumbers.control:
            controlChannelOpen = false
        case ChannelNumbers.publishing:
            publishingChannelOpen = false
            confirms.failAll(error)
        default:
            guard let record = consumersByChannel[channel] else { return }
            forget(record)
            record.end(.failed(error))
        }
    }

    // MARK: Frames

    /// Handles every frame readable without waiting (bounded, so commands are not starved),
    /// then hands the deliveries to their consumers in one batch each.
    private func readFrames(_ session: BrokerSession) throws(AMQPError) {
        defer {
            for record in consumersByChannel.values { record.flush() }
            session.releaseBuffers()
        }
        var handled = 0
        while handled < 4096, let frame = try session.nextFrame() {
            try handle(frame, session)
            handled += 1
        }
    }

    private func handle(_ frame: amqp_frame_t, _ session: BrokerSession) throws(AMQPError) {
        let channel = frame.channel
        switch Int32(frame.frame_type) {
        case AMQP_FRAME_METHOD:
            try handleMethod(frame.payload.method, channel: channel, session)
        case AMQP_FRAME_HEADER:
            assemblies[channel]?.header(frame)
            try completeContent(on: channel, session)
        case AMQP_FRAME_BODY:
            assemblies[channel]?.append(frame.payload.body_fragment)
            try completeContent(on: channel, session)
        default:
            break // heartbeats: rabbitmq-c already noted them
        }
    }

    private func handleMethod(_ method: amqp_method_t, channel: UInt16, _ session: BrokerSession) throws(AMQPError) {
        guard let decoded = method.decoded else { return }
        switch method.id {
        case AMQP_BASIC_ACK_METHOD where channel == ChannelNumbers.publishing:
            let ack = decoded.assumingMemoryBound(to: amqp_basic_ack_t.self).pointee
            confirms.acknowledge(ack.delivery_tag, multiple: ack.multiple != 0)
        case AMQP_BASIC_NACK_METHOD where channel == ChannelNumbers.publishing:
            let nack = decoded.assumingMemoryBound(to: amqp_basic_nack_t.self).pointee
            confirms.reject(nack.delivery_tag, multiple: nack.multiple != 0)
        case AMQP_BASIC_DELIVER_METHOD where consumersByChannel[channel] != nil:
            let deliver = decoded.assumingMemoryBound(to: amqp_basic_deliver_t.self).pointee
            assemblies[channel] = ContentAssembly(.delivery(
                tag: deliver.delivery_tag, redelivered: deliver.redelivered != 0,
                exchange: CDecoding.string(deliver.exchange), routingKey: CDecoding.string(deliver.routing_key)
            ))
        case AMQP_BASIC_RETURN_METHOD:
            let returned = decoded.assumingMemoryBound(to: amqp_basic_return_t.self).pointee
            assemblies[channel] = ContentAssembly(.returned(
                replyCode: returned.reply_code, replyText: CDecoding.string(returned.reply_text),
                exchange: CDecoding.string(returned.exchange), routingKey: CDecoding.string(returned.routing_key)
            ))
        case AMQP_BASIC_CANCEL_METHOD:
            guard let record = consumersByChannel[channel] else { return }
            forgetChannel(channel, AMQPError(
                .consumerCancelled, "the broker cancelled consumer '\(record.spec.consumerTag)' (queue deleted or failed over)"
            ))
            try? session.closeChannel(channel)
        case AMQP_CHANNEL_CLOSE_METHOD:
            let close = decoded.assumingMemoryBound(to: amqp_channel_close_t.self).pointee
            try session.sendCloseOk(channel: channel)
            forgetChannel(channel, AMQPError(
                .channelClosed, "the broker closed channel \(channel)", replyCode: close.reply_code,
                replyText: CDecoding.string(close.reply_text)
            ))
        case AMQP_CONNECTION_CLOSE_METHOD:
            let close = decoded.assumingMemoryBound(to: amqp_connection_close_t.self).pointee
            try? session.sendCloseOk(channel: 0)
            throw AMQPError(
                .connectionClosed, "the broker closed the connection", replyCode: close.reply_code,
                replyText: CDecoding.string(close.reply_text)
            )
        default:
            break
        }
    }

    private func completeContent(on channel: UInt16, _ session: BrokerSession) throws(AMQPError) {
        guard assemblies[channel]?.isComplete == true, let content = assemblies.removeValue(forKey: channel) else { return }
        switch content.origin {
        case .delivery(let tag, let redelivered, let exchange, let routingKey):
            guard let record = consumersByChannel[channel] else { return }
            // Sent before the broker took the cancel in: never yielded, so back to the queue.
            guard !record.isCancelled else { return try requeue(tag, channel: channel, session) }
            record.stage(AMQPDelivery(
                body: content.body, deliveryTag: AMQPDeliveryTag(value: tag, subscription: record.subscription),
                redelivered: redelivered, exchange: exchange, routingKey: routingKey,
                encodedProperties: AMQPEncodedProperties(content.encodedProperties)
            ))
        case .returned(let replyCode, let replyText, let exchange, let routingKey):
            confirms.returned(
                ConfirmTracker.ReturnKey(exchange: exchange, routingKey: routingKey, body: content.body),
                replyCode: replyCode, replyText: replyText
            )
        }
    }

    private static func milliseconds(_ duration: Duration) -> Int32 {
        Int32(clamping: duration.wholeMilliseconds + 1)
    }
}

extension AMQPError {
    /// Whether the connection is still fine after this error (only the operation or its channel failed).
    var leavesConnectionUsable: Bool {
        [.channelClosed, .invalidArgument, .staleDelivery, .consumerCancelled, .publishNacked, .unroutable].contains(code)
    }
}
