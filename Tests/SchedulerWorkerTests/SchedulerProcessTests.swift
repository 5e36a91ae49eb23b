import AMQP
import Commands
import Foundation
import Jobs
import Mesh
import TestSupport
import Testing

/// The scheduler-worker executable on a queue of its own, against the real broker, databases and
/// Redis: a command goes in through the broker, the plan comes out as the job's result and as events.
@Suite("Scheduler worker process", .timeLimit(.minutes(2)))
struct SchedulerProcessTests {
    static let executable = TestServices.repositoryRoot.appendingPathComponent(".build/debug/scheduler-worker")

    @Test("schedule.assign in commit mode: the job's result is the plan, and each booking is announced on fieldops.events")
    func commitThroughTheBroker() async throws {
        try await SchedulingTenant.run { tenant in
            let day = try await DaySchedulerTests.Day(tenant.fixture)
            let connection = try await TestServices.amqpConnection(name: "scheduler-process-tests")
            let queue = TestServices.uniqueName("scheduler-test")
            let events = TestServices.uniqueName("scheduler-test-events")
            _ = try await connection.declareQueue(name: queue, arguments: [
                "x-queue-type": "quorum", "x-dead-letter-exchange": .string(MeshExchange.dead), "x-dead-letter-routing-key": .string(queue),
            ])
            _ = try await connection.declareQueue(name: events, arguments: ["x-queue-type": "quorum"])
            try await connection.bindQueue(queue: events, exchange: MeshExchange.events, routingKey: InterventionAssignedEvent.routingKey)
            let worker = try Self.start(queue: queue)
            defer {
                worker.terminate()
                worker.waitUntilExit()
            }

            let jobs = JobStore(pool: try await TestServices.controlPlanePool())
            let job = UUID()
            let command = ScheduleAssignCommand(day: SchedulingTenant.day, mode: .commit, seed: 5)
            try await jobs.create(id: job, tenant: tenant.slug, kind: ScheduleAssignCommand.type, submittedBy: "tests", payload: Array(try JSONEncoder().encode(command)))
            try await MeshPublisher(connection: connection, appID: "tests").publish(
                command, exchange: "", routingKey: queue, tenant: tenant.slug, jobID: job, trace: .random()
            )

            var record: JobRecord?
            try await eventually(timeout: .seconds(60)) {
                record = try await jobs.find(id: job)
                return record?.status == .succeeded || record?.status == .failed
            }
            let bytes = try #require(record?.result, "job \(record?.status.rawValue ?? "missing"): \(String(decoding: record?.error ?? [], as: UTF8.self))")
            let result = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
            #expect(result["outcome"] as? String == "committed")
            let assigned = Set((result["assignments"] as? [[String: Any]] ?? []).compactMap { $0["intervention_id"] as? String })
            #expect(assigned == [day.plumbing.uuidString.lowercased(), day.masonry.uuidString.lowercased()])
            #expect((result["unassigned"] as? [[String: Any]])?.count == 2)
            #expect(try await tenant.fixture.booking(day.plumbing).technician == day.plumber)

            let announced = try await connection.take(2, from: events).filter {
                $0.properties.headers?[MeshHeader.tenant] == .string(tenant.slug)
            }
            let bodies = try announced.map { try JSONDecoder().decode(InterventionAssignedEvent.self, from: Data($0.body)) }
            #expect(Set(bodies.map(\.interventionID)) == assigned)

            _ = try? await connection.deleteQueue(name: queue)
            _ = try? await connection.deleteQueue(name: events)
            await connection.close()
        }
    }

    static func start(queue: String) throws -> Process {
        var environment = ProcessInfo.processInfo.environment
        environment["FIELDOPS_SCHEDULER_QUEUE"] = queue
        environment["FIELDOPS_SCHEDULER_TIME_BUDGET_MS"] = "200"
        environment["FIELDOPS_SCHEDULER_MAX_ITERATIONS"] = "200"
        environment["FIELDOPS_POSTGRES_URL"] = TestServices.postgresURL
        environment["FIELDOPS_AMQP_URL"] = TestServices.amqpURL
        environment["FIELDOPS_REDIS_URL"] = TestServices.redisURL
        environment["FIELDOPS_WORKER_ADMIN_PORT"] = "0"
        environment["FIELDOPS_WORKER_LOG_LEVEL"] = "warning"
        let process = Process()
        process.executableURL = executable
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return process
    }
}
