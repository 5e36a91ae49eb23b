import AMQP
import Foundation
import Synchronization
import TestSupport
import Testing

/// Restarts the shared broker, so it runs in the separate `BrokerRestart` pass.
@Suite("Gateway across a broker restart", .serialized, .timeLimit(.minutes(3)))
struct GatewayBrokerRestartTests {
    @Test("submissions during a broker restart: 503 with Retry-After during the outage, recovery by itself, no confirmed job lost")
    func brokerRestart() async throws {
        let gateway = try await GatewayHarness()
        let token = gateway.token()
        let accepted = Mutex<[String]>([])
        let statuses = Mutex<[Int]>([])
        let restarted = Atomic<Bool>(false)

        let stream = Task {
            var acceptedAfterRestart = 0
            while acceptedAfterRestart < 20 {
                let response = try await gateway.request("POST", "/v1/reports", token: token, body: GatewayHarness.weeklyReport)
                statuses.withLock { $0.append(response.status) }
                if response.status == 202 {
                    let id = try #require(try gateway.json(response)["id"] as? String)
                    accepted.withLock { $0.append(id) }
                    if restarted.load(ordering: .relaxed) { acceptedAfterRestart += 1 }
                } else {
                    #expect(response.status == 503)
                    #expect(response.header("Retry-After") != nil)
                }
                try await Task.sleep(for: .milliseconds(20))
            }
        }
        try await Task.sleep(for: .seconds(1))
        try BrokerControl.restartRabbitMQ()
        restarted.store(true, ordering: .relaxed)
        try await stream.value

        let seen = statuses.withLock { $0 }
        #expect(seen.contains(503), "the outage was answered with 503")
        #expect(seen.last == 202, "the gateway recovered by itself")

        // Every confirmed job has its row and its command in the queue.
        let ids = accepted.withLock { $0 }
        #expect(try await gateway.jobCount() == ids.count)
        let connection = try await TestServices.amqpConnection(name: "restart-check")
        let queued = try await connection.inspectQueue(name: "fieldops.reports").messageCount
        let commands = try await connection.take(Int(queued), from: "fieldops.reports")
        let published = Set(commands.compactMap(\.properties.correlationId))
        #expect(Set(ids).isSubset(of: published), "\(Set(ids).subtracting(published).count) confirmed jobs lost")
        await connection.close()
        await gateway.shutDown()
    }
}
