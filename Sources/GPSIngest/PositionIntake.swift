import FieldOpsCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GPS
import HTTPServer
import Mesh

/// The common end of every HTTP ingestion path: validates a device's positions and publishes them
/// to the positions exchange, answering only once the broker confirmed. Anything invalid refuses
/// the whole request with every reason (`400`), so a tracker never half-succeeds; the broker away
/// is a `503` with `Retry-After`, never a silent drop. Concurrent requests' messages are published
/// and confirmed together (`GroupedPublisher`): a tracker sending one position per request would
/// otherwise wait for a confirm round trip of its own.
public struct PositionIntake: Sendable {
    static let retryAfterSeconds = 2

    private let broker: BrokerLink
    private let publisher: GroupedPublisher
    private let exchange: String
    private let validation: PositionValidation

    public init(broker: BrokerLink, configuration: GPSIngestConfiguration) {
        self.broker = broker
        publisher = GroupedPublisher(broker: broker, purpose: "position publishes")
        exchange = configuration.positionsExchange
        validation = configuration.validation
    }

    /// Returns how many positions were accepted (repeats of one fix time within the request count once).
    @discardableResult
    public func accept(_ positions: [Position], of device: RegisteredDevice, receivedAt: Int64, request: HTTPRequest) async throws -> Int {
        let outcome = validation.check(positions, now: receivedAt)
        guard outcome.rejected.isEmpty else {
            throw Self.invalid(outcome.rejected.map { (index: $0.index, error: $0.error) }, instance: request.path)
        }
        guard let connection = broker.connection, connection.isConnected else {
            throw HTTPError.unavailable("The message broker is unreachable; nothing was stored.", retryAfterSeconds: Self.retryAfterSeconds)
        }
        let batch = PositionBatchMessage(deviceID: device.deviceID, receivedAt: receivedAt, positions: outcome.accepted)
        do {
            let message = MeshPublisher(connection: connection, appID: "gps-ingest").envelope(
                type: PositionBatchMessage.type, body: Array(try JSONEncoder().encode(batch)), exchange: exchange,
                routingKey: device.deviceID, tenant: device.tenantSlug, trace: request.trace.child()
            )
            try await publisher.publish(message)
        } catch {
            request.logger.warning("positions not confirmed by the broker", ["error": "\(error)", "device": device.deviceID])
            throw HTTPError.unavailable("The message broker did not confirm the positions; retry later.", retryAfterSeconds: Self.retryAfterSeconds)
        }
        return outcome.accepted.count
    }

    /// A `400` naming each refused position (index in the request) and why.
    public static func invalid(_ problems: [(index: Int, error: PositionInputError)], instance: String) -> HTTPError {
        let errors: [JSONValue] = problems.prefix(100).map { problem in
            .object(["index": .int(Int64(problem.index)), "field": .string(problem.error.field), "message": .string(problem.error.reason)])
        }
        let first = problems.first.map { "\($0.error)" } ?? ""
        return HTTPError(ProblemDetails(
            type: "https://fieldops360.example/problems/invalid-position", status: 400, title: "Invalid position",
            detail: problems.count == 1 ? first : "\(problems.count) positions are invalid; the first: \(first).", instance: instance,
            extensions: ["errors": .array(errors)]
        ))
    }
}
