import FieldOpsCore
import Synchronization
import Telemetry

/// A bounded pool of `RedisConnection`s.
///
/// Checkout hands out an idle connection (the newest first), opens a new one while fewer than
/// `poolSize` exist, or waits up to `poolTimeout`. A connection is checked before it is handed out:
/// one the server has hung up on (idle socket readable: `CLIENT KILL`, restart) is discarded without
/// a round trip, and one idle longer than `healthCheckAfterIdle` must answer PING. Connections that
/// failed are discarded on return, never pooled again. Opening retries with `Backoff` until the
/// checkout deadline, so callers ride out a Redis restart.
public final class RedisPool: Sendable {
    public let configuration: RedisConfiguration
    private let logger: Logger
    private let backoff: Backoff
    private let state = Mutex(State())

    private struct Idle {
        let connection: RedisConnection
        let since: ContinuousClock.Instant
    }

    private struct Waiter {
        let id: Int
        let continuation: CheckedContinuation<Grant, any Error>
    }

    /// What a checkout (or a waiter) is given: a pooled connection, or the right to open one.
    private enum Grant {
        case reuse(Idle)
        case open
    }

    private struct State {
        var idle: [Idle] = []
        var open = 0
        var waiters: [Waiter] = []
        var nextWaiterID = 0
        var closed = false
    }

    public init(configuration: RedisConfiguration, logger: Logger, backoff: Backoff = Backoff()) {
        self.configuration = configuration
        self.logger = logger.with("redis.host", configuration.host)
        self.backoff = backoff
    }

    /// Lends a connection to `body` and takes it back afterwards; a connection that failed meanwhile
    /// is discarded. Do not keep the connection beyond `body`.
    ///
    /// `body` runs on the connection's own thread (its task executor), so several commands in a row
    /// cost no thread switch each.
    public func withConnection<T>(_ body: (RedisConnection) async throws -> T) async throws -> T {
        let connection = try await checkout()
        do {
            let result = try await withTaskExecutorPreference(connection.taskExecutor) { try await body(connection) }
            checkin(connection)
            return result
        } catch {
            checkin(connection)
            throw error
        }
    }

    /// Sends one command on a pooled connection.
    ///
    /// Retry rule: a command that fails because its connection was lost is sent once more on another
    /// connection only when `idempotent` is true (reads, or writes that are safe to repeat such as
    /// `SET` of a fixed value). Otherwise the error is thrown, since the server may have applied it.
    @discardableResult
    public func send(_ command: [RedisArgument], idempotent: Bool = false) async throws -> RedisValue {
        do {
            return try await withConnection { connection throws(RedisError) in try await connection.send(command) }
        } catch let error as RedisError where idempotent && error.isConnectionLoss {
            logger.info("retrying idempotent command on a new connection", ["error": error.description])
            return try await withConnection { connection throws(RedisError) in try await connection.send(command) }
        }
    }

    /// Sends all commands on one pooled connection in one round trip (see `RedisConnection.pipeline`).
    public func pipeline(_ commands: [[RedisArgument]]) async throws -> [RedisValue] {
        try await withConnection { connection throws(RedisError) in try await connection.pipeline(commands) }
    }

    /// Closes idle connections and refuses new checkouts; connections in use close on return.
    public func close() async {
        let (idle, waiters) = state.withLock { state in
            state.closed = true
            defer {
                state.open -= state.idle.count
                state.idle = []
                state.waiters = []
            }
            return (state.idle, state.waiters)
        }
        for waiter in waiters {
            waiter.continuation.resume(throwing: RedisError(.poolClosed, "the Redis pool was closed"))
        }
        for entry in idle {
            await entry.connection.close()
        }
    }

    /// Connections open now (idle or lent out).
    public var openConnectionCount: Int { state.withLock { $0.open } }

    // MARK: Checkout and return

    private func checkout() async throws -> RedisConnection {
        let deadline = ContinuousClock.now + configuration.poolTimeout
        while true {
            switch try await grant(deadline: deadline) {
            case .open:
                do {
                    return try await openConnection(deadline: deadline)
                } catch {
                    discardSlot()
                    throw error
                }
            case .reuse(let idle):
                if await isHealthy(idle) { return idle.connection }
                logger.info("discarding a dead pooled Redis connection")
                await idle.connection.close()
                discardSlot()
            }
        }
    }

    private func grant(deadline: ContinuousClock.Instant) async throws -> Grant {
        if let immediate = try state.withLock({ state throws(RedisError) in try immediateGrant(&state) }) {
            return immediate
        }
        let id = state.withLock { state in
            defer { state.nextWaiterID += 1 }
            return state.nextWaiterID
        }
        let timer = Task {
            try await Task.sleep(until: deadline)
            self.abandonWait(id, RedisError(.poolTimeout, "no Redis connection free within \(self.configuration.poolTimeout)"))
        }
        defer { timer.cancel() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                // Checked again under the same lock as the enqueue: a connection may have come back meanwhile.
                let immediate = state.withLock { state in
                    Result { () throws(RedisError) in
                        let grant = try immediateGrant(&state)
                        if grant == nil { state.waiters.append(Waiter(id: id, continuation: continuation)) }
                        return grant
                    }
                }
                switch immediate {
                case .success(.some(let grant)): continuation.resume(returning: grant)
                case .success(.none): break
                case .failure(let error): continuation.resume(throwing: error)
                }
            }
        } onCancel: {
            abandonWait(id, CancellationError())
        }
    }

    private func immediateGrant(_ state: inout State) throws(RedisError) -> Grant? {
        if state.closed { throw RedisError(.poolClosed, "the Redis pool is closed") }
        if let idle = state.idle.popLast() { return .reuse(idle) }
        guard state.open < configuration.poolSize else { return nil }
        state.open += 1
        return .open
    }

    private func abandonWait(_ id: Int, _ error: any Error) {
        let waiter = state.withLock { state in
            state.waiters.firstIndex { $0.id == id }.map { state.waiters.remove(at: $0) }
        }
        waiter?.continuation.resume(throwing: error)
    }

    private func checkin(_ connection: RedisConnection) {
        guard connection.isUsable else {
            discardSlot()
            return
        }
        let idle = Idle(connection: connection, since: .now)
        enum Outcome { case pooled, handedOver(Waiter), poolClosed }
        let outcome: Outcome = state.withLock { state in
            if state.closed {
                state.open -= 1
                return .poolClosed
            }
            if !state.waiters.isEmpty { return .handedOver(state.waiters.removeFirst()) }
            state.idle.append(idle)
            return .pooled
        }
        switch outcome {
        case .pooled: break
        case .handedOver(let waiter): waiter.continuation.resume(returning: .reuse(idle))
        case .poolClosed: Task { await connection.close() }
        }
    }

    /// Forgets a connection that is gone; a waiter, if any, may open a replacement in its place.
    private func discardSlot() {
        let waiter: Waiter? = state.withLock { state in
            if !state.closed, !state.waiters.isEmpty { return state.waiters.removeFirst() }
            state.open -= 1
            return nil
        }
        waiter?.continuation.resume(returning: .open)
    }

    private func isHealthy(_ idle: Idle) async -> Bool {
        guard idle.connection.isUsable, !idle.connection.peerHasHungUp() else { return false }
        guard ContinuousClock.now - idle.since > configuration.healthCheckAfterIdle else { return true }
        return (try? await idle.connection.send("PING")) == .simpleString("PONG")
    }

    private func openConnection(deadline: ContinuousClock.Instant) async throws -> RedisConnection {
        var attempt = 0
        while true {
            do {
                return try await RedisConnection.connect(configuration: configuration, logger: logger)
            } catch {
                let pause = backoff.delay(attempt: attempt)
                guard ContinuousClock.now + pause < deadline, error.code == .connectionFailed else { throw error }
                logger.warning("Redis connect failed, retrying", ["error": error.description, "attempt": String(attempt + 1)])
                try await Task.sleep(for: pause)
                attempt += 1
            }
        }
    }
}
