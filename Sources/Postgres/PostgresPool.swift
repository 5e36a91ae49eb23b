import Synchronization
import Telemetry

/// A bounded pool of connections to one database.
///
/// At most `maxConnections` are open at once; further checkouts wait in line (first come, first
/// served) until one is released or `checkoutTimeout` passes. An idle connection is checked before
/// it is handed out, and one that broke is replaced, reconnecting with backoff while the server is away.
public final class PostgresPool: Sendable {
    /// A snapshot of the pool's counters, for metrics and readiness.
    public struct Metrics: Sendable, Equatable {
        public var inUse: Int
        public var idle: Int
        public var opening: Int
        public var waiting: Int
    }

    public let configuration: PostgresConfiguration
    private let logger: Logger
    private let state = Mutex(State())

    public init(configuration: PostgresConfiguration, logger: Logger) {
        precondition(configuration.pool.maxConnections > 0, "a pool needs at least one connection")
        self.configuration = configuration
        self.logger = logger.with("postgres.database", configuration.database)
    }

    public var metrics: Metrics {
        state.withLock { Metrics(inUse: $0.leased, idle: $0.idle.count, opening: $0.opening, waiting: $0.waiters.count) }
    }

    /// Leases a connection for the duration of `body` and returns it to the pool afterwards,
    /// also when `body` throws.
    @discardableResult
    public nonisolated(nonsending) func withConnection<Value>(_ body: (PostgresConnection) async throws -> Value) async throws -> Value {
        try await use(try await lease(), body)
    }

    /// Runs `body` with a leased connection, then returns the connection to the pool.
    private nonisolated(nonsending) func use<Value>(_ connection: PostgresConnection, _ body: (PostgresConnection) async throws -> Value) async throws -> Value {
        let value: Value
        do {
            value = try await body(connection)
        } catch {
            await release(connection)
            throw error
        }
        await release(connection)
        return value
    }

    /// Runs one query on a leased connection. A connection from the idle list is checked, queried
    /// and checked again in one trip to its thread (`PostgresConnection.queryIfUsable`).
    @discardableResult
    public func query(_ query: PostgresQuery) async throws -> PostgresRows {
        let deadline = ContinuousClock.now + configuration.pool.checkoutTimeout
        if case .connection(let connection, let idleSince) = try await grant(until: deadline) {
            switch await connection.queryIfUsable(query, ping: needsPing(idleSince: idleSince)) {
            case .ran(let result, let reusable):
                await release(connection, reusable: reusable)
                return try result.get()
            case .unusable:
                await replace(connection)
            }
        }
        return try await use(try await open(until: deadline)) { try await $0.query(query) }
    }

    /// Runs `body` in a transaction on one leased connection (see `PostgresConnection.withTransaction`).
    public nonisolated(nonsending) func withTransaction<Value>(
        isolation: PostgresIsolationLevel? = nil, _ body: (PostgresConnection) async throws -> Value
    ) async throws -> Value {
        try await withConnection { try await $0.withTransaction(isolation: isolation, body) }
    }

    /// Closes idle connections and fails waiting checkouts with `poolClosed`; leased connections are
    /// closed when they come back. Later checkouts fail with `poolClosed`.
    public func close() async {
        let (idle, waiters) = state.withLock { state in
            state.closed = true
            defer { state.idle = []; state.waiters = [] }
            return (state.idle, state.waiters)
        }
        for waiter in waiters {
            waiter.continuation.resume(returning: .failure(PostgresError(code: .poolClosed, message: "the pool is closed")))
        }
        for entry in idle { await entry.connection.close() }
    }

    // MARK: - Checkout

    private func lease() async throws(PostgresError) -> PostgresConnection {
        let deadline = ContinuousClock.now + configuration.pool.checkoutTimeout
        if case .connection(let connection, let idleSince) = try await grant(until: deadline) {
            if await isHealthy(connection, idleSince: idleSince) { return connection }
            await replace(connection)
        }
        return try await open(until: deadline)
    }

    /// An idle connection or a slot to open one in, at once or once one frees up.
    private func grant(until deadline: ContinuousClock.Instant) async throws(PostgresError) -> Grant {
        let maxConnections = configuration.pool.maxConnections
        let immediate = try state.withLock { state throws(PostgresError) in try state.grantImmediately(maxConnections: maxConnections) }
        if let immediate { return immediate }
        return try await waitForGrant(until: deadline)
    }

    /// Closes a leased connection that cannot serve; its lease becomes a slot to open another in.
    private func replace(_ connection: PostgresConnection) async {
        logger.info("postgres pool replaces a broken connection")
        await connection.close()
        state.withLock { $0.turnLeaseIntoOpenSlot() }
    }

    private func waitForGrant(until deadline: ContinuousClock.Instant) async throws(PostgresError) -> Grant {
        let id = state.withLock { $0.makeWaiterID() }
        let timer = Task {
            try? await Task.sleep(until: deadline)
            self.failWaiter(id, PostgresError(code: .poolTimeout, message: "no connection became free within the checkout timeout"))
        }
        defer { timer.cancel() }
        let outcome = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<Grant, PostgresError>, Never>) in
                let refusal: PostgresError? = state.withLock { state in
                    if state.closed { return PostgresError(code: .poolClosed, message: "the pool is closed") }
                    if Task.isCancelled { return PostgresError(code: .cancelled, message: "the checkout was cancelled") }
                    state.waiters.append(Waiter(id: id, continuation: continuation))
                    return nil
                }
                if let refusal { continuation.resume(returning: .failure(refusal)) }
            }
        } onCancel: {
            self.failWaiter(id, PostgresError(code: .cancelled, message: "the checkout was cancelled"))
        }
        return try outcome.get()
    }

    /// Fails one waiter, if it is still waiting (it may have been served in the meantime).
    private func failWaiter(_ id: UInt64, _ error: PostgresError) {
        let waiter = state.withLock { state in
            state.waiters.firstIndex { $0.id == id }.map { state.waiters.remove(at: $0) }
        }
        waiter?.continuation.resume(returning: .failure(error))
    }

    /// A connection that sat idle for long may have been dropped by the server or a firewall
    /// without libpq noticing: ping it before trusting it.
    private func isHealthy(_ connection: PostgresConnection, idleSince: ContinuousClock.Instant) async -> Bool {
        guard await connection.isReusable() else { return false }
        guard needsPing(idleSince: idleSince) else { return true }
        return (try? await connection.query("SELECT 1")) != nil
    }

    private func needsPing(idleSince: ContinuousClock.Instant) -> Bool {
        ContinuousClock.now - idleSince >= configuration.pool.idleCheckInterval
    }

    /// Opens a connection into a slot already counted as `opening`, retrying with backoff until the
    /// deadline while the server is away.
    private func open(until deadline: ContinuousClock.Instant) async throws(PostgresError) -> PostgresConnection {
        var attempt = 0
        while true {
            do throws(PostgresError) {
                let connection = try await PostgresConnection.connect(configuration: configuration, logger: logger)
                state.withLock { $0.openSucceeded() }
                return connection
            } catch {
                let delay = configuration.pool.reconnectBackoff.delay(attempt: attempt)
                attempt += 1
                logger.warning("postgres connect failed", ["error": error.message, "postgres.attempt": String(attempt)])
                guard ContinuousClock.now + delay < deadline, !Task.isCancelled else {
                    releaseSlot(openFailed: true)
                    throw error
                }
                try? await Task.sleep(for: delay)
            }
        }
    }

    // MARK: - Return

    private func release(_ connection: PostgresConnection) async {
        await release(connection, reusable: await connection.isReusable())
    }

    private func release(_ connection: PostgresConnection, reusable: Bool) async {
        guard reusable else {
            await connection.close()
            releaseSlot(openFailed: false)
            return
        }
        let (waiter, closeIt) = state.withLock { state in state.returnConnection(connection) }
        if closeIt { await connection.close() }
        waiter?.continuation.resume(returning: .success(.connection(connection, idleSince: .now)))
    }

    /// Frees the slot of a connection that is gone, letting the first waiter open a new one.
    private func releaseSlot(openFailed: Bool) {
        let waiter = state.withLock { $0.freeSlot(wasOpening: openFailed) }
        waiter?.continuation.resume(returning: .success(.openSlot))
    }
}
