import AMQP
import Foundation
import Mesh
import Postgres
import TestSupport
import Testing

/// A worker process killed or stopped mid-stream, against the real broker and database.
@Suite("Worker process", .serialized, .timeLimit(.minutes(3)))
struct WorkerProcessTests {
    let queue = TestServices.uniqueName("mesh-test-process")
    let table = "process_" + UUID().uuidString.prefix(8).lowercased()

    func withEnvironment(_ body: (AMQPConnection, PostgresPool) async throws -> Void) async throws {
        let connection = try await TestServices.amqpConnection(name: "worker-process-tests")
        let pool = try await TestServices.tenantPool()
        _ = try await TestServices.controlPlanePool()
        _ = try await connection.declareQueue(name: queue, arguments: [
            "x-queue-type": "quorum", "x-delivery-limit": .int64(20), "x-dead-letter-exchange": .string(MeshExchange.dead),
            "x-dead-letter-routing-key": .string(queue), "x-dead-letter-strategy": "at-least-once", "x-overflow": "reject-publish",
        ])
        try await pool.query("CREATE TABLE \(unescaped: table) (message_id text NOT NULL, value integer NOT NULL)")
        try await pool.query("CREATE TABLE \(unescaped: table)_runs (message_id text NOT NULL)")
        do {
            try await body(connection, pool)
        } catch {
            Issue.record(error)
        }
        _ = try? await connection.deleteQueue(name: queue)
        _ = try? await pool.query("DROP TABLE IF EXISTS \(unescaped: table), \(unescaped: table)_runs")
        await connection.close()
        await pool.close()
    }

    /// Publishes `count` record commands, confirmed, in batches.
    func publish(_ count: Int, delayMilliseconds: Int, on connection: AMQPConnection) async throws {
        for start in stride(from: 0, to: count, by: 1000) {
            let batch = (start..<min(count, start + 1000)).map { value in
                AMQPOutgoingMessage(
                    exchange: "", routingKey: queue, body: Array(#"{"value":\#(value),"delay_ms":\#(delayMilliseconds)}"#.utf8),
                    properties: AMQPProperties(
                        contentType: "application/json", headers: [MeshHeader.tenant: "acme"], deliveryMode: .persistent,
                        messageId: "\(queue)-\(value)", type: "test.record.v1"
                    )
                )
            }
            try await connection.publishBatch(batch)
        }
    }

    func count(_ sql: PostgresQuery, _ pool: PostgresPool) async throws -> Int {
        try await pool.query(sql).decode((Int).self).first ?? -1
    }

    func effects(_ pool: PostgresPool) async throws -> (rows: Int, distinct: Int) {
        let row = try await pool.query("SELECT count(*)::int8, count(DISTINCT value)::int8 FROM \(unescaped: table)").decode((Int, Int).self)
        return row.first ?? (-1, -1)
    }

    @Test("kill -9 in the middle of 10,000 messages, restart: every effect present exactly once, none lost")
    func killedMidStream() async throws {
        try await withEnvironment { connection, pool in
            try await publish(10_000, delayMilliseconds: 0, on: connection)
            let first = try WorkerProcess(queue: queue, table: table, concurrency: 16, prefetch: 64)
            try await eventually(timeout: .seconds(60)) { try await effects(pool).rows >= 2_000 }
            first.kill(SIGKILL)
            #expect(try await first.exitStatus(within: .seconds(10)) != nil)
            let killedAt = try await effects(pool).rows
            #expect(killedAt < 10_000, "the kill landed mid-stream")

            let second = try WorkerProcess(queue: queue, table: table, concurrency: 16, prefetch: 64)
            try await eventually(timeout: .seconds(90)) { try await effects(pool).rows >= 10_000 }
            try await eventually(timeout: .seconds(10)) { try await connection.inspectQueue(name: queue).messageCount == 0 }
            let final = try await effects(pool)
            #expect(final.rows == 10_000)
            #expect(final.distinct == 10_000)
            second.kill(SIGTERM)
            #expect(try await second.exitStatus(within: .seconds(15)) == 0)
        }
    }

    @Test("SIGTERM during work: in-flight messages finish and are acknowledged, the process exits 0, nothing runs twice")
    func stoppedGracefully() async throws {
        try await withEnvironment { connection, pool in
            try await publish(12, delayMilliseconds: 500, on: connection)
            let first = try WorkerProcess(queue: queue, table: table, concurrency: 4, prefetch: 4)
            try await eventually(timeout: .seconds(30)) { try await count("SELECT count(*)::int8 FROM \(unescaped: table)_runs", pool) >= 4 }
            first.kill(SIGTERM)
            #expect(try await first.exitStatus(within: .seconds(15)) == 0)
            let started = try await count("SELECT count(*)::int8 FROM \(unescaped: table)_runs", pool)
            #expect(try await effects(pool).rows == started, "every message started before SIGTERM finished")
            #expect(started < 12)

            let second = try WorkerProcess(queue: queue, table: table, concurrency: 4, prefetch: 4)
            try await eventually(timeout: .seconds(30)) { try await effects(pool).rows >= 12 }
            second.kill(SIGTERM)
            #expect(try await second.exitStatus(within: .seconds(15)) == 0)
            #expect(try await effects(pool).rows == 12)
            #expect(try await count("SELECT count(*)::int8 FROM \(unescaped: table)_runs", pool) == 12, "no message was handled twice")
        }
    }
}
