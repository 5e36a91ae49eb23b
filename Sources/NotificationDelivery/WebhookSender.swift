import Foundation
import HTTPClient
import Notifications

/// Posts a signed webhook body. Headers: `FieldOps-Signature` (`WebhookSignature`),
/// `FieldOps-Delivery` (the delivery id, the same on every retry, for receivers to deduplicate)
/// and `FieldOps-Event`.
public struct WebhookSender: Sendable {
    private let client: HTTPClient
    private let timeout: Duration

    public init(client: HTTPClient, timeout: Duration = .seconds(10)) {
        self.client = client
        self.timeout = timeout
    }

    public func send(body: String, to target: WebhookEndpointStore.Target, deliveryID: UUID, eventType: String, now: Date = Date()) async -> SendOutcome {
        let bytes = Array(body.utf8)
        let request = HTTPClientRequest(method: "POST", url: target.url, headers: [
            ("Content-Type", "application/json"),
            ("User-Agent", "FieldOps360-Webhooks/1"),
            (WebhookSignature.headerName, WebhookSignature.header(secret: target.secret, timestamp: Int64(now.timeIntervalSince1970), body: bytes)),
            ("FieldOps-Delivery", deliveryID.uuidString.lowercased()),
            ("FieldOps-Event", eventType),
        ], body: bytes, timeout: timeout)
        let started = ContinuousClock.now
        do {
            let response = try await client.execute(request)
            return .http(status: response.status, duration: .now - started)
        } catch {
            return SendOutcome(delivered: false, error: error.description, permanent: error.code == .invalidRequest, duration: .now - started)
        }
    }
}
