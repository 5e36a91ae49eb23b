import FieldOpsCore
import Postgres
import Telemetry
import Testing

@Suite("PostgresPool")
struct PostgresPoolTests {
    private func makePool(
        applicationName: String, maxConnections: Int, checkoutTimeout: Duration = .seconds(30),
        idleCheckInterval: Duration = .seconds(30)
    ) throws -> PostgresPool {
        let options = PostgresConfiguration.PoolOptions(
            maxConnections: maxConnections, checkoutTimeout: checkoutTimeout, idleCheckInterval: idleCheckInterval
        )
        let configuration = try TestDatabase.configuration(applicationName: applicationName, pool: options)
        return PostgresPool(configuration: configuration, logger: TestDatabase.logger)
    }

    @Test("200 concurrent tasks over a pool of 8 all succeed and never hold more than 8 server connections")
    func concurrentLoad() async throws {
        let applicationName = TestDatabase.uniqueName("pool")
        let pool = try makePool(applicationName: applicationName, maxConnections: 8)
        let results = try await withThrowingTaskGroup(of: (echo: Int, live: Int).self) { group in
            for task in 0..<200 {
                group.addTask {
                    let rows = try await pool.query("""
                        SELECT \(task)::int8 AS echo, pg_sleep(0.005)::text AS slept,
                               (SELECT count(*) FROM pg_stat_activity WHERE application_name = \(applicationName)) AS live
                        """)
                    let row = try #require(rows.first)
                    let metrics = pool.metrics
                    #expect(metrics.inUse + metrics.idle + metrics.opening <= 8)
                    return (try row.decode(Int.self, column: "echo"), try row.decode(Int.self, column: "live"))
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.map(\.echo).sorted() == Array(0..<200))
        let mostConnections = results.map(\.live).max() ?? 0
        #expect(mostConnections <= 8)
        #expect(mostConnections >= 2)
        let metrics = pool.metrics
        #expect(metrics.inUse == 0 && metrics.waiting == 0 && metrics.idle <= 8)
        await pool.close()
    }

    @Test("a checkout waits, then fails with poolTimeout when nothing is released in time")
    func checkoutTimeout() async throws {
        let pool = try makePool(applicationName: "fieldops-pool-timeout", maxConnections: 1, checkoutTimeout: .milliseconds(200))
        try await pool.withConnection { _ in
            await #expect { try await pool.query("SELECT 1") } throws: { error in
                (error as? PostgresError)?.code == .poolTimeout
            }
        }
        #expect(pool.metrics.waiting == 0)
        #expect(try await pool.query("SELECT 1").count == 1)
        await pool.close()
    }

    @Test("a connection killed by the server is replaced on the next checkout")
    func replacesBrokenConnection() async throws {
        let applicationName = TestDatabase.uniqueName("pool_kill")
        // A zero idle interval makes every checkout ping its connection first.
        let pool = try makePool(applicationName: applicationName, maxConnections: 1, idleCheckInterval: .zero)
        let firstPID = try #require(try await pool.query("SELECT pg_backend_pid() AS pid").first).decode(Int32.self, column: "pid")
        try await TestDatabase.withConnection { admin in
            try await admin.query("SELECT pg_terminate_backend(\(firstPID))")
        }
        let secondPID = try #require(try await pool.query("SELECT pg_backend_pid() AS pid").first).decode(Int32.self, column: "pid")
        #expect(secondPID != firstPID)
        await pool.close()
    }

    @Test("while the server is away, a checkout retries with backoff, then fails with connectionFailed")
    func reconnectsWithBackoffThenFails() async throws {
        let sink = MemoryLogSink()
        let options = PostgresConfiguration.PoolOptions(
            maxConnections: 2, checkoutTimeout: .seconds(1),
            reconnectBackoff: Backoff(initial: .milliseconds(20), maximum: .milliseconds(100))
        )
        let configuration = try PostgresConfiguration(url: "postgresql://nobody@127.0.0.1:1/none", pool: options)
        let pool = PostgresPool(configuration: configuration, logger: Logger(label: "pool-test", level: .warning, sink: sink))
        await #expect { try await pool.query("SELECT 1") } throws: { error in
            (error as? PostgresError)?.code == .connectionFailed
        }
        let attempts = sink.recorded.filter { $0.contains("postgres connect failed") }.count
        #expect(attempts >= 2)
        let metrics = pool.metrics
        #expect(metrics.inUse == 0 && metrics.idle == 0 && metrics.opening == 0 && metrics.waiting == 0)
        await pool.close()
    }

    @Test("after close, checkouts fail with poolClosed and the server connections are gone")
    func closeReleasesEverything() async throws {
        let applicationName = TestDatabase.uniqueName("pool_close")
        let pool = try makePool(applicationName: applicationName, maxConnections: 2)
        try await pool.query("SELECT 1")
        await pool.close()
        await #expect { try await pool.query("SELECT 1") } throws: { error in
            (error as? PostgresError)?.code == .poolClosed
        }
        try await TestDatabase.withConnection { admin in
            let rows = try await admin.query("SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = \(applicationName)")
            #expect(try rows.first?.decode(Int.self, column: "n") == 0)
        }
    }

    @Test("a connection left inside a transaction is not handed to the next caller")
    func discardsConnectionLeftInTransaction() async throws {
        let pool = try makePool(applicationName: "fieldops-pool-tx", maxConnections: 1)
        let leakedPID = try await pool.withConnection { connection in
            try await connection.execute(script: "BEGIN")
            return try #require(try await connection.query("SELECT pg_backend_pid() AS pid").first).decode(Int32.self, column: "pid")
        }
        let row = try #require(try await pool.query("SELECT pg_backend_pid() AS pid").first)
        #expect(try row.decode(Int32.self, column: "pid") != leakedPID)
        await pool.close()
    }
}
