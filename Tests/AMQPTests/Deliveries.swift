import AMQP
import Testing

extension AMQPConsumer.Iterator {
    /// The next `count` deliveries (fewer if the sequence ends or the test's time limit cancels the wait).
    mutating func take(_ count: Int) async throws -> [AMQPDelivery] {
        var taken: [AMQPDelivery] = []
        while taken.count < count, let delivery = try await next() {
            taken.append(delivery)
        }
        return taken
    }
}

extension AMQPConnection {
    /// Waits until the connection reports `.connected` again.
    func waitUntilConnected() async {
        for await state in stateChanges() where state == .connected { return }
    }
}

/// Runs `body` and checks it fails with `code` (and the broker's `replyCode` when given).
func expectAMQPError(
    _ code: AMQPError.Code, replyCode: UInt16? = nil, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () async throws -> Void
) async throws {
    do {
        try await body()
        Issue.record("expected AMQPError.\(code), got success", sourceLocation: sourceLocation)
    } catch let error as AMQPError {
        #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
        if let replyCode { #expect(error.replyCode == replyCode, "\(error)", sourceLocation: sourceLocation) }
    }
}
