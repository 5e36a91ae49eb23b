import AMQP
import FieldOpsCrypto
import Mesh

/// Publishes derived events on `fieldops.events`, confirmed, each with a message id derived from the
/// event's key: an event derived again (a replayed batch, a second sweep) carries the same id.
struct GPSEventPublisher: Sendable {
    let broker: AMQPConnection
    let exchange: String

    func publish(_ events: [GPSEventMessage], tenant: String) async throws {
        guard !events.isEmpty else { return }
        let publisher = MeshPublisher(connection: broker, appID: "gps-worker")
        let exchange = exchange
        try await withThrowingTaskGroup(of: Void.self) { group in
            for message in events {
                group.addTask {
                    // Nobody bound to an event kind is not an error: mandatory is off.
                    try await publisher.publish(
                        message, exchange: exchange, routingKey: message.event.routingKey, tenant: tenant,
                        messageID: String(SHA256.hex(Array(message.event.key.utf8)).prefix(32)), mandatory: false, trace: .random()
                    )
                }
            }
            try await group.waitForAll()
        }
    }
}
