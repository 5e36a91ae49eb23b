import AMQP
import Commands
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Mesh
import Telemetry

/// Report commands shaped as `MeshPublisher` shapes them (message id, job id as correlation id,
/// tenant, attempt, first-seen and traceparent headers), built ahead so that filling the queue
/// measures the broker, not the encoding.
struct MeshBatch {
    static let command = ReportRenderCommand(report: .weekly, format: .pdf, from: "2026-11-23", to: "2026-11-29")
    static let body: [UInt8] = Array(try! JSONEncoder().encode(command))

    let messages: [AMQPOutgoingMessage]

    init(queue: String, tenant: String, count: Int) {
        let now = Int64(Date().timeIntervalSince1970)
        messages = (0..<count).map { _ in
            let headers: AMQPFieldTable = [
                MeshHeader.tenant: .string(tenant),
                MeshHeader.attempt: .int32(1),
                MeshHeader.firstSeen: .int64(now),
                MeshHeader.traceparent: .string(TraceContext.random().traceparent),
            ]
            let properties = AMQPProperties(
                contentType: "application/json", headers: headers, deliveryMode: .persistent,
                correlationId: UUID().uuidString.lowercased(), messageId: UUID().uuidString.lowercased(),
                timestamp: UInt64(now), type: ReportRenderCommand.type, appId: "mesh-bench"
            )
            // The default exchange routes straight to the scratch queue: no binding to clean up.
            return AMQPOutgoingMessage(exchange: "", routingKey: queue, body: Self.body, properties: properties, mandatory: true)
        }
    }
}
