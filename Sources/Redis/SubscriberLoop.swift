#if canImport(Glibc)
import Glibc
#endif
import FieldOpsCore
import Telemetry

/// The thread behind a `RedisSubscriber`: owns its hiredis context, sends subscription changes, turns
/// pushed messages into stream elements, and reconnects (with backoff) and resubscribes to
/// everything when the connection is lost.
final class SubscriberLoop {
    private let control: SubscriberControl
    private let configuration: RedisConfiguration
    private let logger: Logger
    private let backoff: Backoff
    private let output: AsyncStream<RedisPubSubMessage>.Continuation

    private var context: HiredisContext?
    private var channels: Set<String> = []
    private var patterns: Set<String> = []
    /// Changes sent and not yet fully acknowledged, oldest first, with the names still unconfirmed.
    private var awaiting: [(change: SubscriberControl.Change, unconfirmed: [String])] = []
    private var encoder = RESPEncoder()
    private var failedAttempts = 0
    private var pingOutstanding = false

    init(control: SubscriberControl, configuration: RedisConfiguration, logger: Logger, backoff: Backoff,
         output: AsyncStream<RedisPubSubMessage>.Continuation) {
        self.control = control
        self.configuration = configuration
        self.logger = logger
        self.backoff = backoff
        self.output = output
    }

    func run() {
        while true {
            let (changes, closed) = control.takeChanges()
            guard !closed else {
                shutdown(failing: changes)
                return
            }
            changes.forEach(record)
            guard let context else {
                connect()
                continue
            }
            do {
                try context.flush()
                while let reply = try context.bufferedReply() { dispatch(reply) }
                if try waitForInput(on: context) { try context.fillReadBuffer() }
            } catch {
                disconnect(error)
            }
        }
    }

    // MARK: Subscriptions

    private func record(_ change: SubscriberControl.Change) {
        switch change.kind {
        case .subscribe: channels.formUnion(change.names)
        case .unsubscribe: channels.subtract(change.names)
        case .psubscribe: patterns.formUnion(change.names)
        case .punsubscribe: patterns.subtract(change.names)
        }
        awaiting.append((change, change.names))
        if context != nil { send(change.kind, change.names) }
    }

    private func send(_ kind: SubscriberControl.Change.Kind, _ names: some Sequence<String>) {
        send([RedisArgument(kind.rawValue.uppercased())] + names.map { RedisArgument($0) })
    }

    private func send(_ command: [RedisArgument]) {
        encoder.reset()
        encoder.append(command: command)
        do {
            try context?.append(encoder.buffer)
        } catch {
            disconnect(error)
        }
    }

    private func dispatch(_ reply: RedisValue) {
        guard let parts = reply.array, let kind = parts.first?.string else {
            if reply == .simpleString("PONG") { pingOutstanding = false }
            return
        }
        switch (kind, parts.count) {
        case ("message", 3):
            if let channel = parts[1].string, let payload = parts[2].bytes {
                output.yield(RedisPubSubMessage(channel: channel, pattern: nil, payload: payload))
            }
        case ("pmessage", 4):
            if let pattern = parts[1].string, let channel = parts[2].string, let payload = parts[3].bytes {
                output.yield(RedisPubSubMessage(channel: channel, pattern: pattern, payload: payload))
            }
        case ("pong", _):
            pingOutstanding = false
        default:
            if let confirmed = SubscriberControl.Change.Kind(rawValue: kind), parts.count == 3, let name = parts[1].string {
                acknowledge(confirmed, name)
            }
        }
    }

    /// Matches a server confirmation to the oldest change of that kind still waiting for that name.
    private func acknowledge(_ kind: SubscriberControl.Change.Kind, _ name: String) {
        guard let index = awaiting.firstIndex(where: { $0.change.kind == kind && $0.unconfirmed.contains(name) }) else { return }
        awaiting[index].unconfirmed.removeAll { $0 == name }
        if awaiting[index].unconfirmed.isEmpty {
            awaiting.remove(at: index).change.continuation.resume()
        }
    }

    // MARK: Connection

    private func connect() {
        do {
            let context = try HiredisContext(configuration: configuration)
            encoder.reset()
            encoder.append(command: ["CLIENT", "ID"])
            let id = try context.roundTrip(encoder.buffer, replyCount: 1)[0].int ?? 0
            self.context = context
            if !channels.isEmpty { send(.subscribe, channels) }
            if !patterns.isEmpty { send(.psubscribe, patterns) }
            // A fresh connection is subscribed to nothing else, so pending unsubscribes are done.
            awaiting.removeAll { entry in
                guard entry.change.kind == .unsubscribe || entry.change.kind == .punsubscribe else { return false }
                entry.change.continuation.resume()
                return true
            }
            control.clientID.store(id, ordering: .relaxed)
            failedAttempts = 0
            pingOutstanding = false
            logger.info("redis subscriber connected", ["redis.client_id": String(id), "channels": String(channels.count + patterns.count)])
        } catch {
            let pause = backoff.delay(attempt: failedAttempts)
            failedAttempts += 1
            logger.warning("redis subscriber cannot connect, retrying", ["error": error.description, "retry_in": "\(pause)"])
            _ = poll(waitingForWakeupUpTo: pause, socket: nil)
        }
    }

    private func disconnect(_ error: RedisError) {
        logger.warning("redis subscriber lost its connection, reconnecting", ["error": error.description])
        context = nil
        control.clientID.store(0, ordering: .relaxed)
    }

    /// Waits until the socket or the wake-up pipe is readable; true when the socket is. A silent
    /// socket is PINGed after `healthCheckAfterIdle`, and declared dead if still silent one more period later.
    private func waitForInput(on context: HiredisContext) throws(RedisError) -> Bool {
        let readable = poll(waitingForWakeupUpTo: configuration.healthCheckAfterIdle, socket: context.socket)
        if readable == nil {
            guard !pingOutstanding else { throw RedisError(.timeout, "no answer to PING from the subscribed connection") }
            pingOutstanding = true
            send(["PING"])
        }
        return readable == true
    }

    /// nil on timeout; otherwise whether `socket` is readable (false: woken up through the pipe).
    private func poll(waitingForWakeupUpTo timeout: Duration, socket: Int32?) -> Bool? {
        var descriptors = [pollfd(fd: control.wakeup.readDescriptor, events: Int16(POLLIN), revents: 0)]
        if let socket { descriptors.append(pollfd(fd: socket, events: Int16(POLLIN), revents: 0)) }
        let ready = Glibc.poll(&descriptors, nfds_t(descriptors.count), Int32(clamping: timeout.wholeMillisecondsRoundedUp))
        guard ready != 0 else { return nil }
        guard ready > 0 else { return false }  // EINTR: look again
        if descriptors[0].revents != 0 { control.wakeup.drain() }
        return descriptors.count > 1 && descriptors[1].revents != 0
    }

    private func shutdown(failing changes: [SubscriberControl.Change]) {
        context = nil
        output.finish()
        let closed = RedisError(.connectionClosed, "the subscriber was closed")
        for change in changes + awaiting.map(\.change) {
            change.continuation.resume(throwing: closed)
        }
        awaiting = []
    }
}
