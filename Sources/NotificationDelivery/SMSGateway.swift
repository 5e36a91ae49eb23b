import HTTPClient
import Notifications

/// Sends a text message through the configured HTTP provider.
public struct SMSGateway: Sendable {
    private let configuration: SMSProviderConfiguration
    private let client: HTTPClient

    public init(configuration: SMSProviderConfiguration, client: HTTPClient) {
        self.configuration = configuration
        self.client = client
    }

    public func send(_ message: OutboundPayload.SMS) async -> SendOutcome {
        let values = ["to": message.to, "text": message.text]
        var headers = [(name: "Content-Type", value: configuration.contentType)]
        if let authorization = configuration.authorization { headers.append(("Authorization", authorization)) }
        let request = HTTPClientRequest(
            method: "POST", url: configuration.url.render(values, escaping: .formValue), headers: headers,
            body: Array(configuration.body.render(values, escaping: configuration.bodyEscaping).utf8), timeout: .seconds(10)
        )
        let started = ContinuousClock.now
        do {
            let response = try await client.execute(request)
            return .http(status: response.status, duration: .now - started)
        } catch {
            return SendOutcome(delivered: false, error: error.description, duration: .now - started)
        }
    }
}
