#if canImport(Glibc)
import Glibc
#endif
import FieldOpsCore
import Synchronization
import Telemetry

/// One connection to Redis.
///
/// An actor whose executor is a dedicated thread: every method runs there, so the hiredis context
/// has exactly one owner and its blocking reads never hold a cooperative-pool thread. Calls from
/// several tasks are serialised by the actor. After a connection error the connection is dead for
/// good (`isUsable` turns false); `RedisPool` discards such connections and opens new ones.
public actor RedisConnection {
    public nonisolated let configuration: RedisConfiguration
    private let executor: ThreadExecutor
    private let logger: Logger
    private var context: HiredisContext?
    private var encoder = RESPEncoder()
    private nonisolated let usable = Atomic<Bool>(false)
    /// The socket, readable from outside the actor only to poll it (see `peerHasHungUp`).
    private nonisolated let socket = Atomic<Int32>(-1)

    public nonisolated var unownedExecutor: UnownedSerialExecutor {
        executor.asUnownedSerialExecutor()
    }

    /// The connection's thread as a task executor. A task that sends many commands in a row can run
    /// on it, `withTaskExecutorPreference(connection.taskExecutor) { … }`, so each call is a plain
    /// function call on the same thread instead of two thread switches.
    public nonisolated var taskExecutor: any TaskExecutor { executor }

    private init(configuration: RedisConfiguration, logger: Logger) throws(RedisError) {
        self.configuration = configuration
        self.logger = logger
        do {
            executor = try ThreadExecutor(purpose: "a Redis connection")
        } catch {
            throw RedisError(.connectionFailed, error.description)
        }
    }

    deinit {
        executor.stop()
    }

    /// Opens a connection: TCP connect within `connectTimeout`, then AUTH and SELECT as configured.
    public static func connect(configuration: RedisConfiguration, logger: Logger) async throws(RedisError) -> RedisConnection {
        let connection = try RedisConnection(configuration: configuration, logger: logger)
        try await connection.open()
        return connection
    }

    private func open() throws(RedisError) {
        let context = try HiredisContext(configuration: configuration)
        self.context = context
        socket.store(context.socket, ordering: .relaxed)
        usable.store(true, ordering: .releasing)
        logger.debug("redis connection opened", ["redis.host": configuration.host, "redis.port": String(configuration.port)])
    }

    /// False once the connection failed or was closed.
    public nonisolated var isUsable: Bool { usable.load(ordering: .acquiring) }

    /// Sends one command and returns its reply; an error reply is thrown as `RedisError.Code.server`.
    @discardableResult
    public func send(_ command: [RedisArgument]) throws(RedisError) -> RedisValue {
        try exchange([command])[0].throwingServerError()
    }

    @discardableResult
    public func send(_ arguments: RedisArgument...) throws(RedisError) -> RedisValue {
        try send(arguments)
    }

    /// Sends all commands in one write, then reads all replies, in order. Error replies stay in place
    /// as `.error` so one failing command does not hide the others' replies.
    public func pipeline(_ commands: [[RedisArgument]]) throws(RedisError) -> [RedisValue] {
        guard !commands.isEmpty else { return [] }
        return try exchange(commands)
    }

    /// Closes the socket; later calls throw `connectionClosed`.
    public func close() {
        usable.store(false, ordering: .releasing)
        socket.store(-1, ordering: .relaxed)  // poll ignores -1: never probe a closed, maybe reused, descriptor
        context = nil
    }

    private func exchange(_ commands: [[RedisArgument]]) throws(RedisError) -> [RedisValue] {
        guard let context else { throw RedisError(.connectionClosed, "connection is closed") }
        // Redis answers nothing to an empty command, so one would leave us waiting for a reply.
        guard !commands.contains(where: \.isEmpty) else { throw RedisError(.invalidArgument, "a command needs at least its name") }
        encoder.reset()
        for command in commands {
            encoder.append(command: command)
        }
        do {
            return try context.roundTrip(encoder.buffer, replyCount: commands.count)
        } catch {
            close()
            logger.warning("redis connection lost", ["error": error.description])
            throw error
        }
    }

    /// Whether the server already closed this idle connection (e.g. `CLIENT KILL`, server restart):
    /// a socket with no request outstanding that polls readable or hung up has nothing good to say.
    /// Only meaningful while nobody uses the connection, which is how the pool calls it.
    nonisolated func peerHasHungUp() -> Bool {
        var descriptor = pollfd(fd: socket.load(ordering: .relaxed), events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, 0) != 0
    }
}
