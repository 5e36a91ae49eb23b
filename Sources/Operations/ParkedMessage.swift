import AMQP
import Foundation
import Mesh

/// One message waiting in a parking queue, with what an operator needs to decide about it.
public struct ParkedMessage: Sendable {
    /// 1 for the head of the parking queue (the oldest message).
    public let position: Int
    public let messageID: String?
    public let type: String?
    public let tenant: String?
    public let attempt: Int64?
    public let parkedAt: Date?
    /// Why it was parked: the worker's `x-park-reason`, else the broker's dead-letter reason in words.
    public let reason: String
    /// Where a replay sends it back.
    public let originQueue: String
    public let properties: AMQPProperties
    public let body: [UInt8]
    let deliveryTag: AMQPDeliveryTag

    init(position: Int, delivery: AMQPDelivery, queue: ParkingQueue) {
        let headers = delivery.properties.headers ?? [:]
        self.position = position
        messageID = delivery.properties.messageId
        type = delivery.properties.type
        tenant = headers[MeshHeader.tenant]?.stringValue
        attempt = headers[MeshHeader.attempt]?.integerValue
        parkedAt = (headers[MeshHeader.parkedAt]?.integerValue ?? Self.latestDeathTime(headers))
            .map { Date(timeIntervalSince1970: TimeInterval($0)) }
        reason = headers[MeshHeader.parkReason]?.stringValue
            ?? headers[BrokerDeathHeader.firstReason]?.stringValue.map(Self.brokerReasonText)
            ?? "unknown (neither \(MeshHeader.parkReason) nor \(BrokerDeathHeader.firstReason))"
        originQueue = headers[MeshHeader.originQueue]?.stringValue
            ?? headers[BrokerDeathHeader.firstQueue]?.stringValue
            ?? queue.origin
        properties = delivery.properties
        body = delivery.body
        deliveryTag = delivery.deliveryTag
    }

    /// The properties a replay publishes: the same message id, type, tenant, correlation and trace,
    /// a fresh first attempt, and none of what parking or the broker's dead-lettering added.
    public var replayProperties: AMQPProperties {
        var replayed = properties
        var headers = (properties.headers ?? [:]).filter { name, _ in
            !BrokerDeathHeader.isDeathHeader(name) && !Self.parkingHeaders.contains(name)
        }
        headers[MeshHeader.attempt] = .int32(1)
        replayed.headers = headers
        replayed.expiration = nil
        return replayed
    }

    /// Written by the worker when it parks or retries a message; meaningless once replayed.
    static let parkingHeaders: Set<String> = [MeshHeader.parkReason, MeshHeader.parkedAt, MeshHeader.originQueue, MeshHeader.retryTier]

    /// The broker's `x-death` entries are newest first; their `time` is when that dead-lettering happened.
    private static func latestDeathTime(_ headers: AMQPFieldTable) -> Int64? {
        guard case .array(let deaths)? = headers[BrokerDeathHeader.deaths], case .table(let latest)? = deaths.first else { return nil }
        return latest["time"]?.integerValue
    }

    private static func brokerReasonText(_ reason: String) -> String {
        switch reason {
        case "delivery_limit": "delivery limit exceeded"
        case "rejected": "rejected by a consumer"
        case "expired": "message TTL expired"
        case "maxlen": "queue length limit exceeded"
        default: "dead-lettered by the broker (\(reason))"
        }
    }
}

/// Headers RabbitMQ adds when it dead-letters or redelivers a message itself.
enum BrokerDeathHeader {
    static let deaths = "x-death"
    static let firstReason = "x-first-death-reason"
    static let firstQueue = "x-first-death-queue"
    /// Counts deliveries of a quorum queue message; set again by the queue a replay lands in.
    static let deliveryCount = "x-delivery-count"

    static func isDeathHeader(_ name: String) -> Bool {
        name == deaths || name == deliveryCount || name.hasPrefix("x-first-death-") || name.hasPrefix("x-last-death-")
    }
}
