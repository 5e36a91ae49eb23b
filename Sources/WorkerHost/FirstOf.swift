import Synchronization

/// The result of whichever operation finishes first. The others are abandoned, not awaited: a
/// process on its way out must not wait for a broker that never answers.
func firstOf<Value: Sendable>(_ operations: [@Sendable () async -> Value]) async -> Value {
    await withCheckedContinuation { continuation in
        let pending = PendingContinuation(continuation)
        for operation in operations {
            Task { pending.resume(returning: await operation()) }
        }
    }
}

/// A continuation resumed by the first caller only.
private final class PendingContinuation<Value: Sendable>: Sendable {
    private let waiting: Mutex<CheckedContinuation<Value, Never>?>

    init(_ continuation: CheckedContinuation<Value, Never>) {
        waiting = Mutex(continuation)
    }

    func resume(returning value: Value) {
        let continuation = waiting.withLock { waiting in
            defer { waiting = nil }
            return waiting
        }
        continuation?.resume(returning: value)
    }
}
