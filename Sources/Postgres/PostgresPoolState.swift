extension PostgresPool {
    /// What a checkout is given: a pooled connection, or the right to open a new one.
    enum Grant: Sendable {
        case connection(PostgresConnection, idleSince: ContinuousClock.Instant)
        case openSlot
    }

    struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<Result<Grant, PostgresError>, Never>
    }

    struct IdleConnection {
        let connection: PostgresConnection
        let since: ContinuousClock.Instant
    }

    /// The pool's bookkeeping, always changed under the pool's lock. Every open connection is
    /// counted exactly once: idle, leased, or opening; their sum never exceeds the maximum.
    struct State {
        var idle: [IdleConnection] = []
        var leased = 0
        var opening = 0
        var waiters: [Waiter] = []
        var closed = false
        private var lastWaiterID: UInt64 = 0

        init() {}

        mutating func makeWaiterID() -> UInt64 {
            lastWaiterID += 1
            return lastWaiterID
        }

        /// A grant without waiting, or `nil` when the caller must wait in line.
        mutating func grantImmediately(maxConnections: Int) throws(PostgresError) -> Grant? {
            if closed { throw PostgresError(code: .poolClosed, message: "the pool is closed") }
            if let entry = idle.popLast() {
                leased += 1
                return .connection(entry.connection, idleSince: entry.since)
            }
            guard waiters.isEmpty, idle.count + leased + opening < maxConnections else { return nil }
            opening += 1
            return .openSlot
        }

        mutating func openSucceeded() {
            opening -= 1
            leased += 1
        }

        mutating func turnLeaseIntoOpenSlot() {
            leased -= 1
            opening += 1
        }

        /// Takes back a healthy connection: to the first waiter, to the idle list, or to be closed
        /// when the pool is closed.
        mutating func returnConnection(_ connection: PostgresConnection) -> (waiter: Waiter?, close: Bool) {
            if closed {
                leased -= 1
                return (nil, true)
            }
            if !waiters.isEmpty { return (waiters.removeFirst(), false) }
            leased -= 1
            idle.append(IdleConnection(connection: connection, since: .now))
            return (nil, false)
        }

        /// Frees a leased (or, when `wasOpening`, an opening) slot; the first waiter may open into it.
        mutating func freeSlot(wasOpening: Bool) -> Waiter? {
            if wasOpening { opening -= 1 } else { leased -= 1 }
            guard !closed, !waiters.isEmpty else { return nil }
            opening += 1
            return waiters.removeFirst()
        }
    }
}
