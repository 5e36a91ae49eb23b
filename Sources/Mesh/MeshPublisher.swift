import AMQP
import FieldOpsCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Telemetry

/// Publishes mesh messages with every property and header the workers rely on, and returns only
/// once the broker confirmed the message (so a `202` is never answered for a lost command).
public struct MeshPublisher: Sendable {
    private let connection: AMQPConnection
    private let appID: String

    public init(connection: AMQPConnection, appID: String) {
        self.connection = connection
        self.appID = appID
    }

    /// Returns the message id: `messageID` when given (a fact derived again after a crash keeps its
    /// id, so consumers drop the repeat), else a new one. Throws the client's `AMQPError` when the
    /// broker refused or is away. `mandatory`: a routing key no queue is bound to is an error.
    @discardableResult
    public func publish<Message: MeshMessage>(
        _ message: Message, exchange: String = MeshExchange.commands, routingKey: String,
        tenant: String, jobID: UUID? = nil, messageID: String? = nil, mandatory: Bool = true, trace: TraceContext
    ) async throws -> String {
        let messageID = messageID ?? UUID.random().uuidString.lowercased()
        try await connection.publishBatch([envelope(
            type: Message.type, body: Array(try JSONEncoder().encode(message)), exchange: exchange, routingKey: routingKey,
            tenant: tenant, jobID: jobID, trace: trace, messageID: messageID, mandatory: mandatory
        )])
        return messageID
    }

    /// The AMQP message `publish` sends for an already encoded message of kind `type`, for callers
    /// that publish many at once (`AMQPConnection.publishEach`). `mandatory`: a routing key no queue
    /// is bound to is an error, not a silent drop.
    public func envelope(
        type: String, body: [UInt8], exchange: String = MeshExchange.commands, routingKey: String,
        tenant: String, jobID: UUID? = nil, trace: TraceContext, messageID: String = UUID.random().uuidString.lowercased(), mandatory: Bool = true
    ) -> AMQPOutgoingMessage {
        let now = Int64(Date().timeIntervalSince1970)
        var headers: AMQPFieldTable = [
            MeshHeader.tenant: .string(tenant),
            MeshHeader.attempt: .int32(1),
            MeshHeader.firstSeen: .int64(now),
            MeshHeader.traceparent: .string(trace.traceparent),
        ]
        if let tracestate = trace.tracestate { headers[MeshHeader.tracestate] = .string(tracestate) }
        let properties = AMQPProperties(
            contentType: "application/json", headers: headers, deliveryMode: .persistent,
            correlationId: jobID?.uuidString.lowercased(), messageId: messageID, timestamp: UInt64(now),
            type: type, appId: appID
        )
        return AMQPOutgoingMessage(exchange: exchange, routingKey: routingKey, body: body, properties: properties, mandatory: mandatory)
    }
}
