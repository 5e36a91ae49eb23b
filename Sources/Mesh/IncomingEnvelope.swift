import AMQP
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Telemetry

/// What the runtime reads off a delivery before the handler sees it. A delivery without what every
/// mesh message must carry (a message id, a tenant) is refused as permanently invalid.
///
/// Each field is read straight from the encoded properties: the rest of them is never decoded.
struct IncomingEnvelope: Sendable {
    let messageID: String
    let tenant: String
    let jobID: UUID?
    let attempt: Int
    /// The publisher's span, when the message carries a valid `traceparent`.
    let parent: TraceContext?

    /// The headers read, in the order `init` takes them.
    private static let headerNames = [MeshHeader.tenant, MeshHeader.attempt, MeshHeader.traceparent, MeshHeader.tracestate]

    init(_ properties: AMQPEncodedProperties) throws(MessageValidationError) {
        let headers = properties.headers(named: Self.headerNames)
        var problems: [String: String] = [:]
        let messageID = properties.messageId ?? ""
        if messageID.isEmpty { problems["message_id"] = "is missing" }
        let tenant = headers[0]?.stringValue ?? ""
        if tenant.isEmpty { problems[MeshHeader.tenant] = "is missing" }
        guard problems.isEmpty else { throw MessageValidationError(problems) }

        self.messageID = messageID
        self.tenant = tenant
        jobID = properties.correlationId.flatMap(UUID.init(hyphenatedHex:))
        attempt = max(1, headers[1]?.integerValue.map(Int.init) ?? 1)
        // A missing or malformed traceparent starts a new trace rather than failing the message.
        parent = headers[2]?.stringValue.flatMap { TraceContext(traceparent: $0, tracestate: headers[3]?.stringValue) }
    }
}

extension AMQPFieldValue {
    public var stringValue: String? {
        switch self {
        case .string(let value): value
        case .bytes(let bytes): String(validating: bytes, as: UTF8.self)
        default: nil
        }
    }

    public var integerValue: Int64? {
        switch self {
        case .int8(let value): Int64(value)
        case .uint8(let value): Int64(value)
        case .int16(let value): Int64(value)
        case .uint16(let value): Int64(value)
        case .int32(let value): Int64(value)
        case .uint32(let value): Int64(value)
        case .int64(let value): value
        case .timestamp(let value): Int64(value)
        case .string(let value): Int64(value)
        default: nil
        }
    }
}
