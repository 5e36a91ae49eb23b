import Foundation
import HTTPServer
import Telemetry
import Testing

@Suite("Health, readiness and metrics routes")
struct OperationalRoutesTests {
    private static func server(readiness: [ReadinessCheck]) throws -> TestServer {
        let registry = MetricsRegistry()
        return try TestServer.start { router in
            router.addOperationalRoutes(metrics: registry, readiness: readiness, checkTimeout: .milliseconds(100))
        }
    }

    @Test func readyzIs503WithEachCheckStateWhenOneIsDownOrHangs() async throws {
        let test = try Self.server(readiness: [
            ReadinessCheck(name: "postgres") { true },
            ReadinessCheck(name: "redis") { false },
            ReadinessCheck(name: "rabbitmq") {
                try? await Task.sleep(for: .seconds(30))
                return true
            },
        ])
        defer { Task { await test.stop() } }

        let response = try await fetch(test.port, "GET /readyz HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(response.status == 503)
        let body = try response.json()
        #expect(body["status"] as? String == "not_ready")
        #expect(body["checks"] as? [String: String] == ["postgres": "up", "redis": "down", "rabbitmq": "down"])
    }

    @Test func readyzIs200WhenEveryCheckPasses() async throws {
        let test = try Self.server(readiness: [ReadinessCheck(name: "postgres") { true }])
        defer { Task { await test.stop() } }

        let response = try await fetch(test.port, "GET /readyz HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(response.status == 200)
        #expect(response.text == #"{"checks":{"postgres":"up"},"status":"ready"}"#)
    }

    @Test func healthzAndMetricsAnswer() async throws {
        let test = try Self.server(readiness: [])
        defer { Task { await test.stop() } }

        let health = try await fetch(test.port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(health.status == 200 && health.text == #"{"status":"ok"}"#)
        #expect(health.headers["content-type"] == "application/json")
        let metrics = try await fetch(test.port, "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(metrics.status == 200)
        #expect(metrics.headers["content-type"] == MetricsRegistry.contentType)
    }
}
