// Part of scripts/bench/gateway.sh: what the gateway's job path costs once HTTP is taken away.
// Each shape BATCHxIN_FLIGHT runs for DURATION seconds: IN_FLIGHT loops, each doing what
// `JobSubmitter` does per batch: one INSERT of BATCH job rows (`JobStore.create`), then BATCH report
// commands published to fieldops.commands with the gateway's envelope and their confirms awaited
// (`publishEach`), over one broker connection as in the gateway. No HTTP, no token, no rate limit,
// no request decoding: the rate is the most a gateway that commits then awaits the confirm could
// reach on this machine with that batch shape, before any request work shares the cores.
// The gateway itself serves one batch at a time (`JobSubmitter.concurrentBatches`): shape Nx1.
//
// After a two-second warm-up with the first shape, not reported, prints one line per shape:
// "batch <n> in_flight <k> jobs/s <rate> insert_ms <mean> publish_ms <mean>". The job rows are
// submitted by SUBJECT, so the caller can count and delete them; the commands go to
// fieldops.reports, which the caller purges.
//
//   JobPathBench SUBJECT DURATION_SECONDS BATCHxIN_FLIGHT...   (services from the FIELDOPS_* environment)
#if canImport(Glibc)
import Glibc
#endif
import AMQP
import Commands
import FieldOpsCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Jobs
import Mesh
import Postgres
import Telemetry

struct Shape {
    let batch: Int
    let inFlight: Int

    init?(_ argument: String) {
        let parts = argument.split(separator: "x")
        guard parts.count == 2, let batch = Int(parts[0]), let inFlight = Int(parts[1]), batch > 0, inFlight > 0 else { return nil }
        self.batch = batch
        self.inFlight = inFlight
    }
}

/// What one loop measured.
struct Tally: Sendable {
    var batches = 0
    var inserting = Duration.zero
    var publishing = Duration.zero
}

let arguments = CommandLine.arguments
let shapes = arguments.dropFirst(3).compactMap(Shape.init)
guard arguments.count >= 4, let seconds = Int(arguments[2]), seconds > 0, shapes.count == arguments.count - 3 else {
    print("usage: JobPathBench SUBJECT DURATION_SECONDS BATCHxIN_FLIGHT...   (e.g. 32x1 64x1 32x2)")
    exit(2)
}
let subject = arguments[1]

let environment = Environment.process()
let logger = Logger(label: "job-path-bench", level: .warning)
let jobs = JobStore(pool: PostgresPool(configuration: try PostgresConfiguration(environment: environment), logger: logger))
let connection = try await AMQPConnection.connect(
    configuration: try AMQPConfiguration(environment: environment, connectionName: "job-path-bench"), logger: logger
)
let publisher = MeshPublisher(connection: connection, appID: "gateway")
let body = Array(try JSONEncoder().encode(ReportRenderCommand(report: .weekly, format: .pdf, from: "2026-11-23", to: "2026-11-29")))

/// Submits batches of `size` until `deadline`, as the gateway's batch task does.
func submitBatches(of size: Int, until deadline: ContinuousClock.Instant) async throws -> Tally {
    var tally = Tally()
    while ContinuousClock.now < deadline {
        var rows: [NewJob] = []
        var commands: [AMQPOutgoingMessage] = []
        for _ in 0..<size {
            let id = UUID()
            rows.append(NewJob(id: id, tenant: "bench", kind: ReportRenderCommand.type, submittedBy: subject, payload: body))
            commands.append(publisher.envelope(
                type: ReportRenderCommand.type, body: body, routingKey: ReportRenderCommand.routingKey,
                tenant: "bench", jobID: id, trace: .random()
            ))
        }
        let began = ContinuousClock.now
        try await jobs.create(rows)
        let recorded = ContinuousClock.now
        for result in await connection.publishEach(commands) {
            try result.get()
        }
        tally.inserting += recorded - began
        tally.publishing += ContinuousClock.now - recorded
        tally.batches += 1
    }
    return tally
}

// Connections opened and the broker settled after the caller's purge, before anything is measured.
_ = try await submitBatches(of: shapes[0].batch, until: .now + .seconds(2))
for shape in shapes {
    let start = ContinuousClock.now
    let deadline = start + .seconds(seconds)
    let total = try await withThrowingTaskGroup(of: Tally.self) { group in
        for _ in 0..<shape.inFlight {
            group.addTask { try await submitBatches(of: shape.batch, until: deadline) }
        }
        var total = Tally()
        for try await tally in group {
            total.batches += tally.batches
            total.inserting += tally.inserting
            total.publishing += tally.publishing
        }
        return total
    }
    let elapsed = (ContinuousClock.now - start) / .seconds(1)
    let mean = { (duration: Duration) in (duration / .milliseconds(1) / Double(total.batches) * 100).rounded() / 100 }
    print("batch \(shape.batch) in_flight \(shape.inFlight) jobs/s \(Int(Double(total.batches * shape.batch) / elapsed))"
        + " insert_ms \(mean(total.inserting)) publish_ms \(mean(total.publishing))")
}
