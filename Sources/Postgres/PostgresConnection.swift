import CLibPQ
import FieldOpsCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Telemetry

/// One connection to PostgreSQL, over libpq.
///
/// libpq calls block, so every one of them runs on this connection's own thread, off Swift's
/// cooperative threads and off Dispatch's shared pool; callers just `await`. A connection runs one operation at a time:
/// share it through a `PostgresPool`, not between concurrent tasks.
///
/// `@unchecked Sendable`: the `PGconn` is touched only on `thread`, which is serial, so no two
/// threads ever use it at once (the rule libpq sets); `connection` is read and written only there too.
public final class PostgresConnection: @unchecked Sendable {
    public let configuration: PostgresConfiguration
    let logger: Logger
    private let thread: ThreadExecutor
    /// `nil` once closed.
    private var connection: OpaquePointer?
    private let notices: NoticeLogger

    private init(connection: OpaquePointer, configuration: PostgresConfiguration, thread: ThreadExecutor, logger: Logger) {
        self.connection = connection
        self.configuration = configuration
        self.thread = thread
        self.logger = logger
        notices = NoticeLogger(logger: logger)
        // Server notices ("relation … already exists, skipping") go to the logger at debug level;
        // libpq's default receiver would print them on stderr. `notices` outlives the PGconn:
        // `deinit` finishes the connection before stored properties are released.
        PQsetNoticeReceiver(connection, { context, result in
            guard let context, let result else { return }
            let message = String(cString: PQresultErrorMessage(result))
            Unmanaged<NoticeLogger>.fromOpaque(context).takeUnretainedValue().logger.debug(
                "postgres notice", ["postgres.notice": message.hasSuffix("\n") ? String(message.dropLast()) : message]
            )
        }, Unmanaged.passUnretained(notices).toOpaque())
    }

    deinit {
        // No operation can be pending: each one holds a reference to `self` until it ends.
        if let connection { PQfinish(connection) }
        thread.stop()
    }

    /// Opens a connection; fails with `connectionFailed` and libpq's reason (refused, auth, timeout).
    public static func connect(configuration: PostgresConfiguration, logger: Logger) async throws(PostgresError) -> PostgresConnection {
        let thread: ThreadExecutor
        do {
            thread = try ThreadExecutor(purpose: "a PostgreSQL connection")
        } catch {
            throw PostgresError(code: .connectionFailed, message: error.description)
        }
        let parameters = configuration.connectionParameters
        let handle: OpaquePointer
        do {
            handle = try await thread.run { () throws(PostgresError) in try UnsafeSendable(openHandle(parameters)) }.value
        } catch {
            thread.stop()
            throw error
        }
        let connection = PostgresConnection(connection: handle, configuration: configuration, thread: thread, logger: logger)
        logger.debug("postgres connection opened", ["postgres.host": configuration.host, "postgres.database": configuration.database])
        return connection
    }

    private static func openHandle(_ parameters: [(String, String)]) throws(PostgresError) -> OpaquePointer {
        // NULL-terminated C string arrays that stay alive for the whole call.
        let keywords: [UnsafeMutablePointer<CChar>?] = parameters.map { strdup($0.0) } + [nil]
        let values: [UnsafeMutablePointer<CChar>?] = parameters.map { strdup($0.1) } + [nil]
        defer { (keywords + values).forEach { free($0) } }
        let keywordPointers = keywords.map { UnsafePointer($0) }
        let valuePointers = values.map { UnsafePointer($0) }
        let handle = PQconnectdbParams(keywordPointers, valuePointers, 0)
        guard let handle else { throw PostgresError(code: .connectionFailed, message: "libpq could not allocate a connection") }
        guard PQstatus(handle) == CONNECTION_OK else {
            let message = PostgresError.connectionMessage(handle)
            PQfinish(handle)
            throw PostgresError(code: .connectionFailed, message: message)
        }
        return handle
    }

    /// Runs `work` with the `PGconn` on this connection's thread.
    func withConnection<Value: Sendable>(
        _ work: @escaping @Sendable (OpaquePointer) throws(PostgresError) -> Value
    ) async throws(PostgresError) -> Value {
        try await thread.run { () throws(PostgresError) in
            guard let connection = self.connection else {
                throw PostgresError(code: .connectionClosed, message: "the connection is closed")
            }
            return try work(connection)
        }
    }

    /// Runs one statement with its interpolated values bound as parameters (binary format both ways).
    @discardableResult
    public func query(_ query: PostgresQuery) async throws(PostgresError) -> PostgresRows {
        try await withConnection { connection throws(PostgresError) in
            let result = Self.execute(query, on: connection)
            return PostgresRows(result: try Self.check(result, on: connection, query: query.sql), query: query.sql)
        }
    }

    /// Runs SQL text that may hold several statements and binds nothing (a migration script).
    /// Returns nothing: use `query` to read rows.
    public func execute(script sql: String) async throws(PostgresError) {
        try await withConnection { connection throws(PostgresError) in
            _ = try Self.check(PQexec(connection, sql), on: connection, query: sql)
        }
    }

    /// Whether the connection can serve another caller: libpq considers it OK and no transaction is
    /// left open. A server that went away is only noticed by the next round trip, so the pool also
    /// pings connections that sat idle.
    func isReusable() async -> Bool {
        let reusable = try? await withConnection { Self.isReusable($0) }
        return reusable ?? false
    }

    private static func isReusable(_ connection: OpaquePointer) -> Bool {
        PQstatus(connection) == CONNECTION_OK && PQtransactionStatus(connection) == PQTRANS_IDLE
    }

    /// What `queryIfUsable` did.
    enum GuardedQuery: Sendable {
        /// The connection could not serve (broken, left in a transaction, or silent to the ping):
        /// nothing ran.
        case unusable
        /// The query ran; `reusable`: the connection can serve the next caller.
        case ran(Result<PostgresRows, PostgresError>, reusable: Bool)
    }

    /// For the pool: the checks before and after a checkout, and the query between them, in one
    /// trip to the connection's thread instead of three. `ping` first makes a round trip to the
    /// server, for a connection that sat idle long enough to have been dropped unnoticed.
    func queryIfUsable(_ query: PostgresQuery, ping: Bool) async -> GuardedQuery {
        let outcome = try? await withConnection { connection -> GuardedQuery in
            guard Self.isReusable(connection) else { return .unusable }
            if ping, (try? Self.check(PQexec(connection, "SELECT 1"), on: connection, query: "SELECT 1")) == nil { return .unusable }
            let result = Result { () throws(PostgresError) in
                PostgresRows(result: try Self.check(Self.execute(query, on: connection), on: connection, query: query.sql), query: query.sql)
            }
            return .ran(result, reusable: Self.isReusable(connection))
        }
        return outcome ?? .unusable
    }

    /// Closes the connection; later operations fail with `connectionClosed`.
    public func close() async {
        await thread.run {
            if let connection = self.connection { PQfinish(connection) }
            self.connection = nil
        }
    }

    private static func execute(_ query: PostgresQuery, on connection: OpaquePointer) -> OpaquePointer? {
        let bindings = query.bindings
        let types = bindings.types.map(\.rawValue)
        let lengths = bindings.fields.map { max(0, $0.length) }
        let formats = [Int32](repeating: 1, count: bindings.count)
        return bindings.buffer.bytes.withUnsafeBufferPointer { bytes in
            // A non-NULL pointer is needed even for an empty value; NULL marks SQL NULL.
            let base = UnsafeRawPointer(bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!)
            let values: [UnsafePointer<CChar>?] = bindings.fields.map { field in
                field.length < 0 ? nil : (base + field.offset).assumingMemoryBound(to: CChar.self)
            }
            return PQexecParams(connection, query.sql, Int32(bindings.count), types, values, lengths, formats, 1)
        }
    }

    /// Wraps a successful result, or turns a failed one into a `PostgresError` and frees it.
    static func check(_ result: OpaquePointer?, on connection: OpaquePointer, query: String) throws(PostgresError) -> PostgresResult {
        guard let result else { throw PostgresError(result: nil, connection: connection, query: query) }
        let owned = PostgresResult(result)
        switch PQresultStatus(result) {
        case PGRES_TUPLES_OK, PGRES_COMMAND_OK, PGRES_EMPTY_QUERY, PGRES_COPY_IN:
            return owned
        default:
            throw PostgresError(result: result, connection: connection, query: query)
        }
    }
}

/// Holds the logger that libpq's notice receiver reaches through its `void*` argument.
private final class NoticeLogger {
    let logger: Logger

    init(logger: Logger) {
        self.logger = logger
    }
}

/// Carries a C handle from the connection's thread to the task that owns it from then on.
private struct UnsafeSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
