import AMQP
import BlobStore
import Commands
import FieldOpsCore
import Foundation
import GatewayCore
import HTTPClient
import HTTPServer
import Identity
import Jobs
import Mesh
import ReportsWorker
import Telemetry
import TestSupport
import Testing

/// POST /v1/reports → the command through the real broker → the reports worker renders and stores
/// the file → the job succeeds with the file's description → the file downloads.
@Suite("Reports worker end to end", .timeLimit(.minutes(3)))
struct ReportsWorkerEndToEndTests {
    static let seed = String(repeating: "5a", count: 32)

    @Test func aPostedReportIsRenderedStoredAndDownloadableOnce() async throws {
        try await ReportsFixture.run { fixture in
            let blobRoot = ReportsFixture.temporaryPath("-blobs")
            defer { try? FileManager.default.removeItem(atPath: blobRoot) }
            let configuration = try GatewayConfiguration(environment: ReportsFixture.environment(overrides: [
                "FIELDOPS_GATEWAY_PORT": "0", "FIELDOPS_GATEWAY_LOG_LEVEL": "warning", "FIELDOPS_TOKEN_SIGNING_SEED": Self.seed,
                "FIELDOPS_BLOB_ROOT": blobRoot,
            ]))
            let services = try GatewayServices(configuration: configuration, logger: TestServices.logger)
            try await services.broker.connect()
            let application = GatewayApplication(
                configuration: configuration, services: services, metrics: MetricsRegistry(), logger: TestServices.logger, openAPIDocument: []
            )
            let server = HTTPServer(configuration: configuration.http, router: application.router, logger: TestServices.logger, metrics: MetricsRegistry())
            try server.start()

            // The worker consumes a queue of this test's own, bound like fieldops.reports.
            let broker = try await TestServices.amqpConnection(name: "reports-e2e")
            let queue = TestServices.uniqueName("reports-e2e")
            try await broker.declareQueue(name: queue, arguments: ["x-queue-type": "quorum", "x-delivery-limit": .int64(5)])
            try await broker.bindQueue(queue: queue, exchange: MeshExchange.commands, routingKey: ReportRenderCommand.routingKey)
            let announced = Announcements()
            let handler = ReportRenderHandler(
                tenants: fixture.tenants, controlPlane: fixture.controlPlane, blobs: services.blobs,
                configuration: ReportsWorkerConfiguration(blobs: configuration.blobs, workDirectory: FileManager.default.temporaryDirectory.path)
            ) { event, tenant, _ in await announced.record(event, tenant: tenant) }
            let worker = Worker(
                configuration: WorkerConfiguration(queue: queue, prefetch: 4, concurrency: 2), connection: broker, handler: handler,
                jobs: JobStore(pool: services.postgres), logger: TestServices.logger, metrics: WorkerMetrics(registry: MetricsRegistry())
            )
            let running = Task { try await worker.run() }

            let outcome: Result<Void, any Error>
            do {
                try await exercise(fixture: fixture, configuration: configuration, baseURL: "http://127.0.0.1:\(server.port)", broker: broker)
                // Rendered, then delivered again: announced each time under the job's one message id.
                let events = await announced.events
                #expect(!events.isEmpty, "report.ready is announced")
                #expect(Set(events.map(\.event.messageID)).count == 1 && events.allSatisfy { $0.tenant == fixture.slug })
                #expect(events.first?.event.requestedBy == "manager-1")
                let rendered = try await fixture.controlPlane.query("""
                    SELECT u.reports FROM tenant_usage_daily u JOIN tenants t ON t.id = u.tenant_id
                    WHERE t.slug = \(fixture.slug) AND u.day = (now() AT TIME ZONE 'UTC')::date
                    """).decode(Int64.self)
                #expect(rendered == [1], "one rendering is counted once, its redelivery not again")
                #expect(events.first.map { $0.event.link == "/v1/reports/\($0.event.jobID)/file" } == true)
                outcome = .success(())
            } catch {
                outcome = .failure(error)
            }
            await worker.stop()
            _ = await running.result
            _ = try? await broker.deleteQueue(name: queue)
            await broker.close()
            await server.shutdown(gracePeriod: .seconds(2))
            await services.close()
            try outcome.get()
        }
    }

    private func exercise(fixture: ReportsFixture, configuration: GatewayConfiguration, baseURL: String, broker: AMQPConnection) async throws {
        let issuer = AccessTokenIssuer(key: configuration.tokens.signingKey, issuer: configuration.tokens.issuer, audience: configuration.tokens.audience)
        let now = Int64(Date().timeIntervalSince1970)
        let token = issuer.issue(subject: "manager-1", tenant: fixture.slug, role: .manager, now: now).token
        let client = HTTPClient()
        func request(_ method: String, _ path: String, body: String = "", as bearer: String = token) async throws -> HTTPClientResponse {
            var headers = [(name: "Authorization", value: "Bearer \(bearer)")]
            if !body.isEmpty { headers.append((name: "Content-Type", value: "application/json")) }
            return try await client.execute(HTTPClientRequest(method: method, url: baseURL + path, headers: headers, body: Array(body.utf8)))
        }

        let command = #"{"report":"invoice","format":"xlsx","from":"2026-11-16","to":"2026-11-17"}"#
        let accepted = try await request("POST", "/v1/reports", body: command)
        #expect(accepted.status == 202)
        let jobID = try #require((try JSONSerialization.jsonObject(with: Data(accepted.body)) as? [String: Any])?["id"] as? String)

        var job: [String: Any] = [:]
        try await eventually(timeout: .seconds(60)) {
            job = try JSONSerialization.jsonObject(with: Data(try await request("GET", "/v1/jobs/\(jobID)").body)) as? [String: Any] ?? [:]
            return job["status"] as? String == "succeeded"
        }
        let result = try #require(job["result"] as? [String: Any])
        let key = try #require(result["blob_key"] as? String)
        #expect(key == "\(fixture.slug)/reports/\(jobID)/invoice-2026-11-16-2026-11-17.xlsx")
        #expect(result["rows"] as? Int == 2 + 7)
        #expect(result["content_type"] as? String == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

        let file = try await request("GET", "/v1/reports/\(jobID)/file")
        #expect(file.status == 200)
        #expect(file.body.prefix(2) == [0x50, 0x4B])  // a ZIP container
        #expect(file.body.count == result["size_bytes"] as? Int)
        #expect(file.header("Content-Disposition") == "attachment; filename=\"invoice-2026-11-16-2026-11-17.xlsx\"")

        // The same job delivered again finds its file and does not render a second one.
        _ = try await MeshPublisher(connection: broker, appID: "tests").publish(
            try JSONDecoder().decode(ReportRenderCommand.self, from: Data(command.utf8)), routingKey: ReportRenderCommand.routingKey,
            tenant: fixture.slug, jobID: UUID(uuidString: jobID), trace: .random()
        )
        try await Task.sleep(for: .seconds(2))
        guard case .filesystem(let blobRoot) = configuration.blobs else { Issue.record("the test runs on the filesystem store"); return }
        let directory = (blobRoot as NSString).appendingPathComponent("\(fixture.slug)/reports")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == [jobID])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory + "/" + jobID).sorted() == ["invoice-2026-11-16-2026-11-17.xlsx", "report.json"])

        // Another tenant sees neither the job's file nor the tenant's KPIs.
        let stranger = issuer.issue(subject: "other", tenant: TestServices.uniqueName("other"), role: .manager, now: now).token
        #expect(try await request("GET", "/v1/reports/\(jobID)/file", as: stranger).status == 404)

        let kpis = try await request("GET", "/v1/kpis?from=2026-11-16&to=2026-11-17")
        #expect(kpis.status == 200)
        let consolidated = try #require((try JSONSerialization.jsonObject(with: Data(kpis.body)) as? [String: Any])?["consolidated"] as? [String: Any])
        #expect(consolidated["over_budget_sites"] as? Int == 1)
        #expect(try await request("GET", "/v1/kpis?site_id=\(UUID().uuidString)").status == 404)
        #expect(try await request("GET", "/v1/kpis?from=2026-13-01").status == 400)
        let technician = issuer.issue(subject: "tech", tenant: fixture.slug, role: .technician, now: now).token
        #expect(try await request("GET", "/v1/kpis", as: technician).status == 403)
    }
}

/// The `report.ready` events a handler announced, in order.
private actor Announcements {
    private(set) var events: [(event: ReportReadyEvent, tenant: String)] = []

    func record(_ event: ReportReadyEvent, tenant: String) {
        events.append((event, tenant))
    }
}
