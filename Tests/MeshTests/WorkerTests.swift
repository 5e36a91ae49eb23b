import AMQP
import Foundation
import Jobs
import Mesh
import TestSupport
import Telemetry
import Testing

@Suite("Worker runtime", .serialized, .timeLimit(.minutes(2)))
struct WorkerTests {
    @Test("every message is handled once and acknowledged; its job ends succeeded with the result")
    func handlesEverything() async throws {
        let fixture = try await MeshFixture()
        let worker = fixture.worker()
        let running = Task { try await worker.run() }
        let jobID = UUID()
        try await fixture.jobs.create(id: jobID, tenant: "acme", kind: TestCommand.type, submittedBy: "u", payload: Array("{}".utf8))
        try await fixture.send(TestCommand(value: 0), jobID: jobID)
        for value in 1..<200 { try await fixture.send(TestCommand(value: value)) }

        try await eventually { try await fixture.recordedValues().count >= 200 }
        #expect(try await fixture.recordedValues() == Array(0..<200))
        let job = try await fixture.jobs.find(id: jobID, tenant: "acme")
        #expect(job?.status == .succeeded)
        let result = try job?.result.map { try JSONSerialization.jsonObject(with: Data($0)) as? [String: Int] }
        #expect(result == ["recorded": 0])
        // The last effect is committed a moment before its message is acknowledged and counted.
        try await eventually { fixture.metrics.exposition().contains(#"fieldops_worker_messages_total{queue="\#(fixture.queue)",outcome="succeeded"} 200"#) }

        await worker.stop()
        try await running.value
        #expect(try await fixture.connection.inspectQueue(name: fixture.queue).messageCount == 0)
        await fixture.tearDown()
    }

    @Test("an undecodable, an invalid, a permanently failing and an unfixable message are parked at once with their reason, while valid traffic flows")
    func poisonIsParked() async throws {
        let fixture = try await MeshFixture()
        let worker = fixture.worker()
        let running = Task { try await worker.run() }
        let jobID = UUID()
        try await fixture.jobs.create(id: jobID, tenant: "acme", kind: TestCommand.type, submittedBy: "u", payload: Array("{}".utf8))
        try await fixture.connection.publish(
            exchange: "", routingKey: fixture.queue, body: Array("not json".utf8),
            properties: AMQPProperties(headers: ["x-tenant": "acme"], deliveryMode: .persistent, messageId: "garbage-1")
        )
        try await fixture.send(TestCommand(value: -1))
        try await fixture.send(TestCommand(value: 7, permanent: true), jobID: jobID)
        try await fixture.send(TestCommand(value: 8, unfixable: true))
        for value in 1...50 { try await fixture.send(TestCommand(value: value)) }

        let parked = try await fixture.parked(count: 4)
        let reasons = parked.compactMap { delivery -> String? in
            if case .string(let reason) = delivery.properties.headers?["x-park-reason"] { return reason }
            return nil
        }
        #expect(reasons.contains { $0.hasPrefix("undecodable payload") })
        #expect(reasons.contains("invalid payload: value must not be negative"))
        #expect(reasons.contains("rejected for good"))
        #expect(reasons.contains("gone for good"))
        #expect(parked.allSatisfy { $0.properties.headers?["x-attempt"] == nil || $0.properties.headers?["x-attempt"] == .int32(1) }, "parked at the first attempt")
        #expect(parked.allSatisfy { $0.properties.headers?["x-origin-queue"] == .string(fixture.queue) })
        try await eventually { try await fixture.recordedValues().count >= 50 }
        #expect(try await fixture.recordedValues() == Array(1...50))
        #expect(try await fixture.jobs.find(id: jobID, tenant: "acme")?.status == .failed)

        await worker.stop()
        try await running.value
        await fixture.tearDown()
    }

    @Test("a delivery without its tenant or its message id is parked at once, naming what is missing")
    func envelopeChecked() async throws {
        let fixture = try await MeshFixture()
        let worker = fixture.worker()
        let running = Task { try await worker.run() }
        let body = Array(try JSONEncoder().encode(TestCommand(value: 5)))
        try await fixture.connection.publish(
            exchange: "", routingKey: fixture.queue, body: body,
            properties: AMQPProperties(headers: ["x-attempt": .int32(2)], deliveryMode: .persistent, messageId: "no-tenant-1")
        )
        try await fixture.connection.publish(
            exchange: "", routingKey: fixture.queue, body: body,
            properties: AMQPProperties(headers: ["x-tenant": "acme"], deliveryMode: .persistent, type: TestCommand.type)
        )

        let parked = try await fixture.parked(count: 2)
        let reasons = Set(parked.compactMap { delivery -> String? in
            if case .string(let reason) = delivery.properties.headers?["x-park-reason"] { return reason }
            return nil
        })
        #expect(reasons == ["invalid payload: x-tenant is missing", "invalid payload: message_id is missing"])
        #expect(try await fixture.recordedValues().isEmpty)

        await worker.stop()
        try await running.value
        await fixture.tearDown()
    }

    @Test("a transient failure is retried through a delay queue with its attempt counted, then succeeds")
    func transientRetried() async throws {
        let fixture = try await MeshFixture()
        let worker = fixture.worker(maxAttempts: 3)
        let running = Task { try await worker.run() }
        try await fixture.send(TestCommand(value: 42, failUntilAttempt: 2))

        try await eventually(timeout: .seconds(15)) { try await fixture.recordedValues() == [42] }
        #expect(fixture.metrics.exposition().contains(#"fieldops_worker_retries_total{queue="\#(fixture.queue)",tier="1s"} 1"#))

        await worker.stop()
        try await running.value
        await fixture.tearDown()
    }

    @Test("a message still failing at its last attempt is parked with the attempt count")
    func exhaustedIsParked() async throws {
        let fixture = try await MeshFixture()
        let worker = fixture.worker(maxAttempts: 2)
        let running = Task { try await worker.run() }
        try await fixture.send(TestCommand(value: 5, failUntilAttempt: 99))

        let parked = try await fixture.parked(count: 1)
        #expect(parked.first?.properties.headers?["x-attempt"] == .int32(2))
        guard case .string(let reason) = parked.first?.properties.headers?["x-park-reason"] else {
            Issue.record("no reason")
            return
        }
        #expect(reason.hasPrefix("gave up after 2 attempts"))
        #expect(try await fixture.recordedValues().isEmpty)

        await worker.stop()
        try await running.value
        await fixture.tearDown()
    }

    @Test("the same message delivered twice has its effect once")
    func duplicateIsNoOp() async throws {
        let fixture = try await MeshFixture()
        let worker = fixture.worker()
        let running = Task { try await worker.run() }
        let body = Array(try JSONEncoder().encode(TestCommand(value: 9)))
        let properties = AMQPProperties(headers: ["x-tenant": "acme"], deliveryMode: .persistent, messageId: "same-id-\(fixture.queue)", type: TestCommand.type)
        for _ in 0..<3 {
            try await fixture.connection.publish(exchange: "", routingKey: fixture.queue, body: body, properties: properties)
        }
        try await eventually {
            fixture.metrics.exposition().contains(#"fieldops_worker_messages_total{queue="\#(fixture.queue)",outcome="succeeded"} 3"#)
        }
        #expect(try await fixture.recordedValues() == [9])

        await worker.stop()
        try await running.value
        await fixture.tearDown()
    }

    @Test("stop finishes and acknowledges in-flight messages; the rest stay queued, nothing is done twice")
    func gracefulStop() async throws {
        let fixture = try await MeshFixture()
        let worker = fixture.worker(concurrency: 2)
        let running = Task { try await worker.run() }
        for value in 0..<6 { try await fixture.send(TestCommand(value: value, delayMilliseconds: 600)) }
        try await Task.sleep(for: .milliseconds(200))
        await worker.stop()
        try await running.value

        let done = try await fixture.recordedValues()
        #expect(done.count >= 2 && done.count < 6, "in-flight finished, queued ones not started")
        let second = fixture.worker()
        let rerun = Task { try await second.run() }
        try await eventually { try await fixture.recordedValues().count >= 6 }
        #expect(try await fixture.recordedValues() == Array(0..<6))
        await second.stop()
        try await rerun.value
        await fixture.tearDown()
    }

    @Test("each message gets a consumer span, child of the publisher's trace context, with the outcome")
    func tracesContinue() async throws {
        let fixture = try await MeshFixture()
        let spans = MemorySpanExporter()
        let worker = fixture.worker(maxAttempts: 1, tracer: Tracer(exporter: spans))
        let running = Task { try await worker.run() }
        let publisher = TraceContext.random()
        try await fixture.send(TestCommand(value: 1), trace: publisher)
        try await fixture.send(TestCommand(value: 2, permanent: true), trace: publisher)
        try await eventually { spans.finished.count >= 2 }

        let finished = spans.finished
        #expect(finished.allSatisfy { $0.kind == .consumer && $0.context.traceID == publisher.traceID && $0.parentSpanID == publisher.spanID })
        #expect(Set(finished.map(\.status)) == [.ok, .error(message: "rejected for good")])
        await worker.stop()
        try await running.value
        await fixture.tearDown()
    }
}
