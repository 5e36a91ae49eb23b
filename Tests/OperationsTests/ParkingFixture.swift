import AMQP
import Foundation
import Mesh
import Operations
import TestSupport
import Testing

/// A private work queue and its parking queue, wired like the mesh's own (quorum, dead-lettering
/// through `fieldops.dead`), holding parked messages made both ways: by a worker (with
/// `x-park-reason`) and by the broker (delivery limit exceeded, with `x-death`).
final class ParkingFixture: Sendable {
    /// Contains a dot, so `ParkingQueue` takes it as a full name rather than `fieldops.<name>`.
    let queue = "fieldops-tests." + TestServices.uniqueName("dlq")
    let connection: AMQPConnection
    let parkingQueue: ParkingQueue

    init() async throws {
        connection = try await TestServices.amqpConnection(name: "operations-tests")
        parkingQueue = try ParkingQueue(queue)
        // Delivery limit 0: the first requeue dead-letters the message, as an exhausted one would be.
        try await connection.declareQueue(name: queue, arguments: [
            "x-queue-type": "quorum", "x-delivery-limit": .int64(0), "x-dead-letter-exchange": .string(MeshExchange.dead),
            "x-dead-letter-routing-key": .string(queue), "x-dead-letter-strategy": "at-least-once", "x-overflow": "reject-publish",
        ])
        try await connection.declareQueue(name: parkingQueue.name, arguments: ["x-queue-type": "quorum"])
        try await connection.bindQueue(queue: parkingQueue.name, exchange: MeshExchange.dead, routingKey: queue)
    }

    func parkingLot() -> ParkingLot { ParkingLot(queue: parkingQueue, connection: connection) }

    /// Parks a message as `Worker` does: published to `fieldops.dead` with the reason in headers.
    func parkAsWorker(id: String, reason: String, attempt: Int32, tenant: String = "acme") async throws {
        let properties = AMQPProperties(
            contentType: "application/json",
            headers: [
                MeshHeader.tenant: .string(tenant), MeshHeader.attempt: .int32(attempt), MeshHeader.parkReason: .string(reason),
                MeshHeader.originQueue: .string(queue), MeshHeader.parkedAt: .int64(1_700_000_000),
                MeshHeader.retryTier: "10s", MeshHeader.traceparent: "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
            ],
            deliveryMode: .persistent, correlationId: "job-\(id)", messageId: id, type: "test.record.v1", appId: "operations-tests"
        )
        try await connection.publish(
            exchange: MeshExchange.dead, routingKey: queue, body: Array(#"{"id":"\#(id)","value":7}"#.utf8),
            properties: properties, mandatory: true
        )
    }

    /// Lets the broker park a message: delivered once from the work queue, requeued, over its delivery limit.
    func parkByDeliveryLimit(id: String) async throws {
        let properties = AMQPProperties(
            headers: [MeshHeader.tenant: "acme", MeshHeader.attempt: .int32(1)], deliveryMode: .persistent, messageId: id,
            type: "test.record.v1"
        )
        try await connection.publish(exchange: "", routingKey: queue, body: Array("not json".utf8), properties: properties, mandatory: true)
        let consumer = try await connection.consume(queue: queue, prefetch: 1)
        for try await delivery in consumer {
            try await consumer.nack(deliveryTag: delivery.deliveryTag, requeue: true)
            break
        }
        try await consumer.cancel()
    }

    /// Waits until the parking queue holds `count` messages (broker dead-lettering is asynchronous).
    func waitForParked(_ count: UInt32) async throws {
        let deadline = ContinuousClock.now + .seconds(20)
        while try await connection.inspectQueue(name: parkingQueue.name).messageCount != count {
            guard ContinuousClock.now < deadline else {
                Issue.record("the parking queue never held \(count) messages")
                return
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// The three worker-parked messages `a`, `b`, `c`, then `d` parked by the broker.
    func parkFour() async throws -> [String] {
        let ids = ["a", "b", "c", "d"].map { "\($0)-" + UUID().uuidString.lowercased() }
        try await parkAsWorker(id: ids[0], reason: "photo not found", attempt: 1)
        try await parkAsWorker(id: ids[1], reason: "invalid payload: value must not be negative", attempt: 1, tenant: "globex")
        try await parkAsWorker(id: ids[2], reason: "storage unavailable", attempt: 5)
        try await parkByDeliveryLimit(id: ids[3])
        try await waitForParked(4)
        return ids
    }

    func tearDown() async {
        _ = try? await connection.deleteQueue(name: queue)
        _ = try? await connection.deleteQueue(name: parkingQueue.name)
        await connection.close()
    }
}

/// Runs `body` with a fresh fixture and always removes its queues.
func withParkingFixture(_ body: (ParkingFixture) async throws -> Void) async throws {
    let fixture = try await ParkingFixture()
    do {
        try await body(fixture)
    } catch {
        await fixture.tearDown()
        throw error
    }
    await fixture.tearDown()
}
