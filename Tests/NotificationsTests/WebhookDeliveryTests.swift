import Commands
import Foundation
import NotificationDelivery
import Notifications
import TestSupport
import Testing

@Suite("Signed webhooks with retries", .timeLimit(.minutes(2)))
struct WebhookDeliveryTests {
    @Test("a receiver answering 500 then 200 gets the delivery once after a retry, signed both times; a failing endpoint is disabled")
    func retriedUntilDelivered() async throws {
        let retry = WebhookRetrySchedule(firstDelay: .milliseconds(200), maximumDelay: .seconds(1), disableAfterConsecutiveFailures: 3)
        try await NotifyFixture.run(retry: retry) { fixture in
            let flaky = try WebhookReceiver(statuses: [500])
            let broken = try WebhookReceiver(statuses: Array(repeating: 500, count: 50))
            let store = WebhookEndpointStore()
            let (endpoint, secret) = try await store.create(url: flaky.url, description: "ERP", eventTypes: ["message"], on: fixture.pool)
            flaky.use(secret: secret)
            let (failing, otherSecret) = try await store.create(url: broken.url, description: "down", eventTypes: ["message"], on: fixture.pool)
            broken.use(secret: otherSecret)
            let loop = Task { await fixture.dispatchLoop().run() }

            try await fixture.send(NotifySendCommand(
                eventType: NotificationEventType.message, userIDs: [fixture.technician.uuidString], values: ["title": "Chantier <A>", "body": "b"]
            ))
            try await eventually { flaky.deliveries.count == 2 }
            try await eventually { try await store.find(failing.id, on: fixture.pool)?.enabled == false }
            try await Task.sleep(for: .seconds(1))
            loop.cancel()

            let deliveries = flaky.deliveries
            #expect(deliveries.count == 2, "delivered once: no call after the 200")
            #expect(deliveries.map(\.answered) == [500, 200])
            #expect(deliveries.allSatisfy { $0.verification == .valid })
            #expect(Set(deliveries.map(\.id)).count == 1, "a retry carries the same delivery id")
            #expect(deliveries[0].event == "message" && deliveries[0].body == deliveries[1].body)
            let body = try #require(try JSONSerialization.jsonObject(with: Data(deliveries[0].body.utf8)) as? [String: Any])
            #expect(body["tenant"] as? String == fixture.slug)
            #expect((body["data"] as? [String: String])?["title"] == "Chantier <A>")

            let log = try await store.deliveries(of: endpoint.id, limit: 10, on: fixture.pool)
            #expect(log.count == 1)
            #expect(log.first?.status == "delivered")
            #expect(log.first?.attempts.map(\.statusCode) == [500, 200])
            #expect(try await store.find(endpoint.id, on: fixture.pool)?.consecutiveFailures == 0)
            let disabled = try #require(try await store.find(failing.id, on: fixture.pool))
            #expect(disabled.disabledReason?.hasPrefix("3 consecutive failures") == true)
            #expect(broken.deliveries.count == 3)
            await flaky.shutDown()
            await broken.shutDown()
        }
    }
}
