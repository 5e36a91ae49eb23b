import Commands
import Mesh
import Synchronization

/// A handler that does nothing but count, so a run through `Worker` measures the runtime alone.
/// `finished` yields once the expected number of messages was handled.
final class CountingHandler: MessageHandler {
    typealias Message = ReportRenderCommand

    let finished: AsyncStream<Void>
    private let expected: Int
    private let handled = Atomic<Int>(0)
    private let signal: AsyncStream<Void>.Continuation

    init(expected: Int) {
        self.expected = expected
        (finished, signal) = AsyncStream<Void>.makeStream()
    }

    func handle(_ message: ReportRenderCommand, context: MessageContext) async throws -> NoOutput {
        if handled.wrappingAdd(1, ordering: .relaxed).newValue == expected {
            signal.yield()
            signal.finish()
        }
        return NoOutput()
    }
}
