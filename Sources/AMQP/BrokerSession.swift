#if canImport(Glibc)
import Glibc
#endif
import CRabbitMQ
import CShims

/// One open AMQP connection: the rabbitmq-c handle and the calls made on it. It lives and dies on the
/// owner thread; a lost connection is a new session, never a repaired one.
final class BrokerSession {
    let state: amqp_connection_state_t
    let socketDescriptor: Int32
    let scratch = ScratchPool()

    init(configuration: AMQPConfiguration) throws(AMQPError) {
        guard let state = amqp_new_connection() else { throw AMQPError(.connectionFailed, "out of memory") }
        guard let socket = amqp_tcp_socket_new(state) else {
            amqp_destroy_connection(state)
            throw AMQPError(.connectionFailed, "could not create a TCP socket")
        }
        var timeout = Self.timeval(configuration.operationTimeout)
        let opened = amqp_socket_open_noblock(socket, configuration.host, Int32(configuration.port), &timeout)
        guard opened == AMQP_STATUS_OK.rawValue else {
            amqp_destroy_connection(state)
            throw AMQPError(
                .connectionFailed,
                "cannot reach \(configuration.host):\(configuration.port): \(Self.statusText(opened))"
            )
        }
        _ = amqp_set_handshake_timeout(state, &timeout)
        _ = amqp_set_rpc_timeout(state, &timeout)
        self.state = state
        socketDescriptor = amqp_get_sockfd(state)
        do {
            try login(configuration)
        } catch {
            amqp_destroy_connection(state)
            throw error
        }
    }

    private func login(_ configuration: AMQPConfiguration) throws(AMQPError) {
        // rabbitmq-c merges these into its defaults. Without consumer_cancel_notify the broker would
        // silently stop a consumer whose queue was deleted, leaving its sequence waiting forever.
        var properties: AMQPFieldTable = ["capabilities": .table(["consumer_cancel_notify": true])]
        properties["connection_name"] = configuration.connectionName.map { .string($0) }
        var clientProperties = scratch.table(properties)
        defer { scratch.recycle() }
        let reply = fo_amqp_login_plain_with_properties(
            state, configuration.virtualHost, 0, Int32(configuration.frameMax), Int32(configuration.heartbeatSeconds),
            &clientProperties, configuration.username, configuration.password
        )
        guard reply.reply_type == AMQP_RESPONSE_NORMAL else {
            var error = interpret(reply, doing: "log in as '\(configuration.username)' to vhost '\(configuration.virtualHost)'", channel: 0)
            if error.code == .connectionClosed { error.code = .loginFailed }
            throw error
        }
    }

    /// Closes the connection politely (connection.close and its -ok), then frees the handle.
    func close() {
        _ = amqp_connection_close(state, AMQP_REPLY_SUCCESS)
        amqp_destroy_connection(state)
    }

    /// Frees the handle of a connection that is already broken.
    func destroy() {
        amqp_destroy_connection(state)
    }

    /// The highest channel number the broker allows (rabbitmq-c reports 0 for "no limit").
    var channelMax: UInt16 {
        let negotiated = Int(amqp_get_channel_max(state))
        return UInt16(negotiated > 0 ? min(negotiated, 2047) : 2047)
    }

    // MARK: Frames

    /// Whether rabbitmq-c holds input not yet handed out (queued frames or undecoded bytes):
    /// `poll` on the socket would not see it.
    var hasBufferedInput: Bool { amqp_frames_enqueued(state) != 0 || amqp_data_in_buffer(state) != 0 }

    /// The next frame if one can be read without waiting. Also sends a heartbeat when one is due and
    /// reports a broker that stopped sending them.
    func nextFrame() throws(AMQPError) -> amqp_frame_t? {
        var frame = amqp_frame_t()
        var noWait = Glibc.timeval(tv_sec: 0, tv_usec: 0)
        let status = amqp_simple_wait_frame_noblock(state, &frame, &noWait)
        if status == AMQP_STATUS_OK.rawValue { return frame }
        if status == AMQP_STATUS_TIMEOUT.rawValue { return nil }
        throw AMQPError(.connectionClosed, "connection lost: \(Self.statusText(status))")
    }

    /// Returns the memory of decoded frames to rabbitmq-c once nothing references it any more.
    func releaseBuffers() { amqp_maybe_release_buffers(state) }

    /// Answers a channel.close (channel > 0) or connection.close (channel 0) the broker sent:
    /// the protocol requires the -ok before the channel can be reopened.
    func sendCloseOk(channel: UInt16) throws(AMQPError) {
        // Both -ok methods have no fields (rabbitmq-c gives each a dummy byte).
        var empty = amqp_channel_close_ok_t()
        let method = channel == 0 ? AMQP_CONNECTION_CLOSE_OK_METHOD : AMQP_CHANNEL_CLOSE_OK_METHOD
        let status = amqp_send_method(state, channel, method, &empty)
        guard status == AMQP_STATUS_OK.rawValue else {
            throw AMQPError(.connectionClosed, "connection lost: \(Self.statusText(status))")
        }
    }

    // MARK: Channels

    func openChannel(_ channel: UInt16) throws(AMQPError) {
        _ = amqp_channel_open(state, channel)
        try check("open channel \(channel)", channel: channel)
    }

    func closeChannel(_ channel: UInt16) throws(AMQPError) {
        let reply = amqp_channel_close(state, channel, AMQP_REPLY_SUCCESS)
        guard reply.reply_type == AMQP_RESPONSE_NORMAL else {
            throw interpret(reply, doing: "close channel \(channel)", channel: channel)
        }
    }

    func selectConfirms(_ channel: UInt16) throws(AMQPError) {
        _ = amqp_confirm_select(state, channel)
        try check("enable publisher confirms", channel: channel)
    }

    // MARK: Publishing and consuming

    func publish(_ message: AMQPOutgoingMessage, channel: UInt16) throws(AMQPError) {
        defer { scratch.recycle() }
        let exchange = scratch.bytes(message.exchange)
        let routingKey = scratch.bytes(message.routingKey)
        var properties = scratch.properties(message.properties)
        let status = message.body.withUnsafeBytes { body in
            amqp_basic_publish(
                state, channel, exchange, routingKey, message.mandatory ? 1 : 0, 0, &properties,
                amqp_bytes_t(len: body.count, bytes: UnsafeMutableRawPointer(mutating: body.baseAddress))
            )
        }
        guard status == AMQP_STATUS_OK.rawValue else {
            throw AMQPError(.connectionClosed, "publish failed: \(Self.statusText(status))")
        }
    }

    /// Runs `writes`, with the socket corked when `corked`, so what they send leaves in as few TCP
    /// segments as its size needs. rabbitmq-c pushes every message's body frame out at once, so a
    /// batch of publishes would otherwise cost a segment, and a wake-up of the broker's reader, per
    /// message. Only for writes that wait for no reply: a corked request could sit unsent for up to
    /// 200 ms.
    func coalescingWrites<Result>(_ corked: Bool, _ writes: () throws(AMQPError) -> Result) throws(AMQPError) -> Result {
        guard corked else { return try writes() }
        setCork(true)
        defer { setCork(false) }  // uncorking sends what is held back
        return try writes()
    }

    private func setCork(_ on: Bool) {
        var value: Int32 = on ? 1 : 0
        _ = setsockopt(socketDescriptor, Int32(IPPROTO_TCP), TCP_CORK, &value, socklen_t(MemoryLayout<Int32>.size))
    }

    func consume(_ spec: ConsumerSpec, channel: UInt16) throws(AMQPError) {
        defer { scratch.recycle() }
        if spec.prefetch > 0 {
            _ = amqp_basic_qos(state, channel, 0, spec.prefetch, 0)
            try check("set prefetch \(spec.prefetch)", channel: channel)
        }
        _ = amqp_basic_consume(
            state, channel, scratch.bytes(spec.queue), scratch.bytes(spec.consumerTag), 0, 0, spec.exclusive ? 1 : 0,
            scratch.table(spec.arguments)
        )
        try check("consume from queue '\(spec.queue)'", channel: channel)
    }

    func cancel(consumerTag: String, channel: UInt16) throws(AMQPError) {
        defer { scratch.recycle() }
        _ = amqp_basic_cancel(state, channel, scratch.bytes(consumerTag))
        try check("cancel consumer '\(consumerTag)'", channel: channel)
    }

    func settle(_ tag: UInt64, _ settlement: ConnectionCommand.Settlement, channel: UInt16) throws(AMQPError) {
        let status = switch settlement {
        case .ack(let multiple): amqp_basic_ack(state, channel, tag, multiple ? 1 : 0)
        case .nack(let multiple, let requeue): amqp_basic_nack(state, channel, tag, multiple ? 1 : 0, requeue ? 1 : 0)
        case .reject(let requeue): amqp_basic_reject(state, channel, tag, requeue ? 1 : 0)
        }
        guard status == AMQP_STATUS_OK.rawValue else {
            throw AMQPError(.connectionClosed, "acknowledgement failed: \(Self.statusText(status))")
        }
    }

    // MARK: Topology

    func perform(_ operation: TopologyOperation, channel: UInt16) throws(AMQPError) -> TopologyResult {
        defer { scratch.recycle() }
        let bytes = scratch.bytes as (String) -> amqp_bytes_t
        switch operation {
        case .declareExchange(let name, let type, let durable, let autoDelete, let isInternal, let arguments):
            _ = amqp_exchange_declare(
                state, channel, bytes(name), bytes(type.rawValue), 0, durable ? 1 : 0, autoDelete ? 1 : 0,
                isInternal ? 1 : 0, scratch.table(arguments)
            )
            try check("declare exchange '\(name)'", channel: channel)
        case .deleteExchange(let name, let ifUnused):
            _ = amqp_exchange_delete(state, channel, bytes(name), ifUnused ? 1 : 0)
            try check("delete exchange '\(name)'", channel: channel)
        case .declareQueue(let name, let passive, let durable, let exclusive, let autoDelete, let arguments):
            let ok = amqp_queue_declare(
                state, channel, bytes(name), passive ? 1 : 0, durable ? 1 : 0, exclusive ? 1 : 0, autoDelete ? 1 : 0,
                scratch.table(arguments)
            )
            try check("declare queue '\(name)'", channel: channel)
            guard let ok else { throw AMQPError(.protocolError, "queue.declare-ok missing for '\(name)'") }
            return .queue(AMQPQueueInfo(
                name: CDecoding.string(ok.pointee.queue), messageCount: ok.pointee.message_count,
                consumerCount: ok.pointee.consumer_count
            ))
        case .deleteQueue(let name, let ifUnused, let ifEmpty):
            let ok = amqp_queue_delete(state, channel, bytes(name), ifUnused ? 1 : 0, ifEmpty ? 1 : 0)
            try check("delete queue '\(name)'", channel: channel)
            return .messageCount(ok?.pointee.message_count ?? 0)
        case .purgeQueue(let name):
            let ok = amqp_queue_purge(state, channel, bytes(name))
            try check("purge queue '\(name)'", channel: channel)
            return .messageCount(ok?.pointee.message_count ?? 0)
        case .bindQueue(let queue, let exchange, let key, let arguments):
            _ = amqp_queue_bind(state, channel, bytes(queue), bytes(exchange), bytes(key), scratch.table(arguments))
            try check("bind queue '\(queue)' to '\(exchange)' with '\(key)'", channel: channel)
        case .unbindQueue(let queue, let exchange, let key, let arguments):
            _ = amqp_queue_unbind(state, channel, bytes(queue), bytes(exchange), bytes(key), scratch.table(arguments))
            try check("unbind queue '\(queue)' from '\(exchange)'", channel: channel)
        case .bindExchange(let destination, let source, let key, let arguments):
            _ = amqp_exchange_bind(state, channel, bytes(destination), bytes(source), bytes(key), scratch.table(arguments))
            try check("bind exchange '\(destination)' to '\(source)'", channel: channel)
        case .unbindExchange(let destination, let source, let key, let arguments):
            _ = amqp_exchange_unbind(state, channel, bytes(destination), bytes(source), bytes(key), scratch.table(arguments))
            try check("unbind exchange '\(destination)' from '\(source)'", channel: channel)
        }
        return .done
    }

    // MARK: Replies

    /// Turns the outcome of the last synchronous call into an error, answering a channel.close or
    /// connection.close the broker sent in its place (the protocol requires the -ok).
    private func check(_ doing: @autoclosure () -> String, channel: UInt16) throws(AMQPError) {
        let reply = amqp_get_rpc_reply(state)
        guard reply.reply_type != AMQP_RESPONSE_NORMAL else { return }
        throw interpret(reply, doing: doing(), channel: channel)
    }

    private func interpret(_ reply: amqp_rpc_reply_t, doing: String, channel: UInt16) -> AMQPError {
        switch reply.reply_type {
        case AMQP_RESPONSE_LIBRARY_EXCEPTION:
            let status = reply.library_error
            let code: AMQPError.Code = status == AMQP_STATUS_TIMEOUT.rawValue ? .timeout : .connectionClosed
            return AMQPError(code, "could not \(doing): \(Self.statusText(status))")
        case AMQP_RESPONSE_SERVER_EXCEPTION where reply.reply.id == AMQP_CHANNEL_CLOSE_METHOD:
            let close = reply.reply.decoded.assumingMemoryBound(to: amqp_channel_close_t.self).pointee
            let error = AMQPError(
                .channelClosed, "could not \(doing)", replyCode: close.reply_code, replyText: CDecoding.string(close.reply_text)
            )
            // If the -ok cannot be sent the connection is gone, which the next read reports.
            try? sendCloseOk(channel: channel)
            return error
        case AMQP_RESPONSE_SERVER_EXCEPTION where reply.reply.id == AMQP_CONNECTION_CLOSE_METHOD:
            let close = reply.reply.decoded.assumingMemoryBound(to: amqp_connection_close_t.self).pointee
            try? sendCloseOk(channel: 0)
            return AMQPError(
                .connectionClosed, "could not \(doing)", replyCode: close.reply_code,
                replyText: CDecoding.string(close.reply_text)
            )
        default:
            return AMQPError(.protocolError, "could not \(doing): unexpected reply")
        }
    }

    static func statusText(_ status: Int32) -> String {
        String(cString: amqp_error_string2(status))
    }

    static func timeval(_ duration: Duration) -> Glibc.timeval {
        let (seconds, attoseconds) = duration.components
        return Glibc.timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
    }
}
