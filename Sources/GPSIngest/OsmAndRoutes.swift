import GPS
import HTTPServer

/// The OsmAnd endpoint Traccar Client and OsmAnd-style apps post to, unchanged: `GET` or `POST /`
/// with the parameters in the query string, else in a form body, else the JSON variant as body.
/// `200` once the broker confirmed the position; `400` with the reason for anything invalid or an
/// unregistered device.
public struct OsmAndRoutes: Sendable {
    private let intake: PositionIntake
    private let directory: DeviceDirectory

    public init(intake: PositionIntake, directory: DeviceDirectory) {
        self.intake = intake
        self.directory = directory
    }

    public func register(in router: inout Router) {
        let handler: HTTPHandler = { [intake, directory] request in
            let receivedAt = EpochClock.nowMilliseconds()
            let position: Position
            do throws(PositionInputError) {
                position = try Self.position(in: request, receivedAt: receivedAt)
            } catch {
                throw PositionIntake.invalid([(0, error)], instance: request.path)
            }
            guard let device = try await directory.device(position.deviceID) else {
                throw PositionIntake.invalid([(0, PositionInputError(field: "id", reason: "is not a registered device"))], instance: request.path)
            }
            try await intake.accept([position], of: device, receivedAt: receivedAt, request: request)
            return HTTPResponse(status: 200)
        }
        router.get("/", handler)
        router.post("/", handler)
    }

    static func position(in request: HTTPRequest, receivedAt: Int64) throws(PositionInputError) -> Position {
        let query = request.query.map { (name: $0.name, value: $0.value) }
        let body = (try? request.bodyBytes()) ?? []
        if query.contains(where: { $0.name == "id" || $0.name == "deviceid" }) || body.isEmpty {
            return try OsmAndRequest.position(from: query, receivedAt: receivedAt)
        }
        if body.first == UInt8(ascii: "{") {
            return try TraccarJSONPosition.position(from: body, receivedAt: receivedAt)
        }
        guard let form = FormParameters.parse(body) else {
            throw PositionInputError(field: "body", reason: "is neither a form (key=value&…) nor the JSON form")
        }
        return try OsmAndRequest.position(from: query + form, receivedAt: receivedAt)
    }
}
