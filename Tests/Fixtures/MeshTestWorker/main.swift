// A worker for the process-level tests (kill -9, SIGTERM): it records each message's value in a
// table through the inbox, and every handler run in another table outside it, so a test can tell
// "effect once" from "handled once". Not shipped; built with the tests.
import FieldOpsCore
import Mesh
import Postgres
import WorkerHost

#if canImport(Glibc)
import Glibc
#endif

struct RecordCommand: MeshMessage {
    static let type = "test.record.v1"
    var value: Int
    var delayMilliseconds: Int

    enum CodingKeys: String, CodingKey {
        case value, delayMilliseconds = "delay_ms"
    }
}

struct RecordHandler: MessageHandler {
    let pool: PostgresPool
    let table: String

    func handle(_ message: RecordCommand, context: MessageContext) async throws -> NoOutput {
        try await pool.query("INSERT INTO \(unescaped: table)_runs (message_id) VALUES (\(context.messageID))")
        if message.delayMilliseconds > 0 { try await Task.sleep(for: .milliseconds(message.delayMilliseconds)) }
        _ = try await Inbox.process(messageID: context.messageID, queue: context.queue, pool: pool) { connection in
            try await connection.query("INSERT INTO \(unescaped: table) (message_id, value) VALUES (\(context.messageID), \(message.value))")
        }
        return NoOutput()
    }
}

let environment = Environment.process()
let queue = environment.string("FIELDOPS_TEST_QUEUE", default: "mesh-test")
let exitCode = await WorkerHost.run(name: "mesh-test-worker", queue: queue, environment: environment) { resources in
    var configuration = try PostgresConfiguration(environment: environment, prefix: "FIELDOPS_TEST_POSTGRES")
    configuration.applicationName = "mesh-test-worker"
    return RecordHandler(
        pool: PostgresPool(configuration: configuration, logger: resources.logger),
        table: environment.string("FIELDOPS_TEST_EFFECTS_TABLE", default: "effects")
    )
}
exit(exitCode)
