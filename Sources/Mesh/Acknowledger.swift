import AMQP
import Synchronization
import Telemetry

/// Acknowledges a consumer's deliveries in batches (see `AcknowledgementWindow`). Handlers do not
/// wait for their acknowledgement: plans merge while one is being sent, and a single task sends
/// them in order, so a multiple ack never overtakes an earlier one and the cost per message falls
/// as the load rises.
final class Acknowledger: Sendable {
    private struct State {
        var window: AcknowledgementWindow
        /// Merged plans not sent yet.
        var pending = AcknowledgementWindow.Plan()

        mutating func takePending() -> AcknowledgementWindow.Plan? {
            guard pending.multiple != nil || !pending.singles.isEmpty else { return nil }
            defer { pending = AcknowledgementWindow.Plan() }
            return pending
        }
    }

    /// Shared by the handlers' tasks and the sending task.
    private final class SharedState: Sendable {
        let mutex: Mutex<State>
        init(_ state: State) { mutex = Mutex(state) }
    }

    private let state: SharedState
    private let wakeups: AsyncStream<Void>.Continuation
    private let sender: Task<Void, Never>

    init(consumer: AMQPConsumer, holdLimit: Int, logger: Logger) {
        let state = SharedState(State(window: AcknowledgementWindow(holdLimit: holdLimit)))
        let (stream, wakeups) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        self.wakeups = wakeups
        sender = Task {
            func sendPending() async {
                while let plan = state.mutex.withLock({ $0.takePending() }) {
                    do {
                        if let multiple = plan.multiple { try await consumer.ack(deliveryTag: multiple, multiple: true) }
                        for single in plan.singles { try await consumer.ack(deliveryTag: single) }
                    } catch {
                        // Effects are committed: the broker redelivers and the inbox skips them.
                        logger.warning("acknowledgement lost; the messages will be redelivered", ["error": "\(error)"])
                    }
                }
            }
            for await _ in stream { await sendPending() }
            await sendPending()
        }
        self.state = state
    }

    func received(_ tag: AMQPDeliveryTag) {
        state.mutex.withLock { $0.window.received(tag) }
    }

    /// `needsAck` false: the caller settled the delivery itself (requeued it).
    func finished(_ tag: AMQPDeliveryTag, needsAck: Bool) {
        let planned = state.mutex.withLock { state -> Bool in
            let plan = state.window.finished(tag, needsAck: needsAck)
            guard plan.multiple != nil || !plan.singles.isEmpty else { return false }
            // A later multiple ack covers every earlier delivery, single acks included.
            let multiple = plan.multiple ?? state.pending.multiple
            let singles = state.pending.singles + plan.singles
            state.pending = AcknowledgementWindow.Plan(multiple: multiple, singles: singles.filter { tag in multiple.map { tag > $0 } ?? true })
            return true
        }
        if planned { wakeups.yield() }
    }

    /// Returns once every acknowledgement planned so far was sent.
    func drain() async {
        wakeups.finish()
        await sender.value
    }
}
