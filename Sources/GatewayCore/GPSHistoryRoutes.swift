#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Domain
import GPS
import HTTPServer
import Identity
import Postgres
import Tenancy

/// What the GPS workers derived, read back (permission: resources read, as the track):
///
/// * `GET /v1/vehicles/{id}/trips?from&to` and `GET /v1/vehicles/{id}/stops?from&to` — the spans
///   overlapping the period (default: the last 24 h), paired from the vehicle's tracker's
///   `trip.started`/`trip.ended` and `stop.started`/`stop.ended` events; one still going at `to` is
///   shown open. An index on (device, kind, time) makes a day of one vehicle a short range scan.
/// * `GET /v1/gps/events?device_id&vehicle_id&kind&from&to&limit&cursor` — the tenant's events,
///   newest first, paged by an opaque cursor (time and key of the last one returned).
///
/// A vehicle is read through the tracker it carries now; another tenant's vehicle is not found.
struct GPSHistoryRoutes {
    static let defaultLimit = 100
    static let maximumLimit = 1000

    let tenants: TenantDatabases
    let guarding: APIGuard

    func register(in router: inout Router) {
        router.get("/v1/vehicles/{id}/trips", guarding.protect(Permission(.resources, .read)) { request, claims in
            try .json(try await spans("trips", request, claims: claims, opening: .tripStarted, closing: .tripEnded).map(TripBody.init))
        })

        router.get("/v1/vehicles/{id}/stops", guarding.protect(Permission(.resources, .read)) { request, claims in
            try .json(try await spans("stops", request, claims: claims, opening: .stopStarted, closing: .stopEnded).map(StopBody.init))
        })

        router.get("/v1/gps/events", guarding.protect(Permission(.resources, .read)) { request, claims in
            let pool = try await tenants.pool(for: try GPSRoutes.tenant(of: claims))
            let (from, to) = try GPSRoutes.period(of: request, defaultSpan: GPSRoutes.maximumRange)
            let limit = try Self.limit(request.query("limit"))
            let cursor = try request.query("cursor").map { text throws(HTTPError) in
                guard let cursor = EventCursor(text) else { throw HTTPError.badRequest("cursor is not one this API returned.") }
                return cursor
            }
            let kind = try request.query("kind").map { text throws(HTTPError) in
                guard let kind = DeviceEvent.Kind(rawValue: text) else {
                    throw HTTPError(status: 422, detail: "kind must be one of: \(DeviceEvent.Kind.allCases.map(\.rawValue).joined(separator: ", ")).")
                }
                return kind
            }
            var device = request.query("device_id")
            if let vehicleText = request.query("vehicle_id") {
                guard let vehicleID = UUID(uuidString: vehicleText) else { throw HTTPError.badRequest("vehicle_id must be a UUID.") }
                let tracker = try await GPSRoutes.trackerDevice(of: vehicleID, in: pool)
                // No tracker, or not the device asked for: nothing can match.
                guard let tracker, device == nil || device == tracker else { return try .json(EventPage(events: [], nextCursor: nil)) }
                device = tracker
            }
            let rows = try await pool.query("""
                SELECT event_key, kind, device_id, occurred_at, latitude, longitude, site_id, details FROM gps_events
                WHERE occurred_at >= \(GPSRoutes.date(from)) AND occurred_at < \(GPSRoutes.date(to))
                  AND (\(device)::text IS NULL OR device_id = \(device))
                  AND (\(kind?.rawValue)::text IS NULL OR kind = \(kind?.rawValue))
                  AND (\(cursor.map { GPSRoutes.date($0.at) })::timestamptz IS NULL
                       OR (occurred_at, event_key) < (\(cursor.map { GPSRoutes.date($0.at) }), \(cursor?.key)))
                ORDER BY occurred_at DESC, event_key DESC
                LIMIT \(limit + 1)
                """)
            let stored = try rows.map(StoredEvent.init)
            let page = stored.prefix(limit)
            let next = stored.count > limit ? page.last.map { EventCursor(at: $0.event.at, key: $0.key).text } : nil
            return try .json(EventPage(events: page.map(EventBody.init), nextCursor: next))
        })
    }

    /// The vehicle's spans of one kind over the request's period, listed under `name`.
    private func spans(
        _ name: String, _ request: HTTPRequest, claims: AccessClaims, opening: DeviceEvent.Kind, closing: DeviceEvent.Kind
    ) async throws -> VehicleSpans<EventSpan> {
        let pool = try await tenants.pool(for: try GPSRoutes.tenant(of: claims))
        let vehicleID = try request.uuid(naming: "vehicle")
        let (from, to) = try GPSRoutes.period(of: request)
        var result = VehicleSpans<EventSpan>(vehicleID: vehicleID, deviceID: nil, from: GPSRoutes.date(from), to: GPSRoutes.date(to), name: name, spans: [])
        guard let device = try await GPSRoutes.trackerDevice(of: vehicleID, in: pool) else { return result }
        let kinds = [opening.rawValue, closing.rawValue]
        // The last event before the period says whether a span was already going at its start.
        let rows = try await pool.query("""
            (SELECT event_key, kind, device_id, occurred_at, latitude, longitude, site_id, details FROM gps_events
             WHERE device_id = \(device) AND kind = ANY(\(kinds)) AND occurred_at < \(GPSRoutes.date(from))
             ORDER BY occurred_at DESC LIMIT 1)
            UNION ALL
            (SELECT event_key, kind, device_id, occurred_at, latitude, longitude, site_id, details FROM gps_events
             WHERE device_id = \(device) AND kind = ANY(\(kinds)) AND occurred_at >= \(GPSRoutes.date(from)) AND occurred_at < \(GPSRoutes.date(to)))
            """)
        let events = try rows.map { try StoredEvent($0).event }
        result.deviceID = device
        result.spans = EventSpan.pair(events, opening: opening, closing: closing, from: from, to: to)
        return result
    }

    private static func limit(_ text: String?) throws(HTTPError) -> Int {
        guard let text else { return defaultLimit }
        guard let value = Int(text), (1...maximumLimit).contains(value) else { throw HTTPError.badRequest("limit must be 1 to \(maximumLimit).") }
        return value
    }
}

/// A `gps_events` row (columns: key, kind, device, time, latitude, longitude, site, details).
private struct StoredEvent {
    var key: String
    var event: DeviceEvent
    var vehicleID: UUID?

    init(_ row: PostgresRow) throws {
        let (key, kindText, device, time, latitude, longitude, site, json) = try row.decode((String, String, String, Date, Double, Double, UUID?, PostgresJSON).self)
        guard let kind = DeviceEvent.Kind(rawValue: kindText) else { throw HTTPError(status: 500, detail: "A stored event has an unknown kind.") }
        let details = try json.decode(DeviceEventDetails.self, decoder: JSONDecoder())
        self.key = key
        vehicleID = details.vehicleID
        event = DeviceEvent(
            kind: kind, deviceID: device, at: Int64((time.timeIntervalSince1970 * 1000).rounded()), latitude: latitude, longitude: longitude,
            siteID: site?.uuidString.lowercased(), durationSeconds: details.durationSeconds, distanceMeters: details.distanceMeters, speed: details.speed
        )
    }
}

/// Where the next page starts: the last event returned, as base64url of `<epoch ms>:<key>`.
private struct EventCursor {
    var at: Int64
    var key: String

    init(at: Int64, key: String) {
        self.at = at
        self.key = key
    }

    init?(_ text: String) {
        guard let bytes = Base64URL.decode(text), let colon = bytes.firstIndex(of: UInt8(ascii: ":")),
              let at = Int64(String(decoding: bytes[..<colon], as: UTF8.self))
        else { return nil }
        self.init(at: at, key: String(decoding: bytes[(colon + 1)...], as: UTF8.self))
    }

    var text: String { Base64URL.encode(Array("\(at):\(key)".utf8)) }
}

private struct PlaceAndTime: Encodable {
    var time: Date
    var latitude: Double?
    var longitude: Double?

    init(_ edge: EventSpan.Edge) {
        time = GPSRoutes.date(edge.at)
        latitude = edge.latitude
        longitude = edge.longitude
    }
}

private struct TripBody: Encodable {
    var start: PlaceAndTime
    var end: PlaceAndTime?
    var open: Bool
    var durationSeconds: Int64
    var distanceMeters: Double?

    init(_ span: EventSpan) {
        start = PlaceAndTime(span.start)
        end = span.end.map(PlaceAndTime.init)
        open = span.isOpen
        durationSeconds = span.durationSeconds
        distanceMeters = span.distanceMeters
    }

    enum CodingKeys: String, CodingKey {
        case start, end, open, durationSeconds = "duration_seconds", distanceMeters = "distance_meters"
    }
}

private struct StopBody: Encodable {
    var start: Date
    var end: Date?
    var open: Bool
    var durationSeconds: Int64
    var latitude: Double?
    var longitude: Double?
    var siteID: String?

    init(_ span: EventSpan) {
        start = GPSRoutes.date(span.start.at)
        end = span.end.map { GPSRoutes.date($0.at) }
        open = span.isOpen
        durationSeconds = span.durationSeconds
        latitude = span.start.latitude
        longitude = span.start.longitude
        siteID = span.siteID
    }

    enum CodingKeys: String, CodingKey {
        case start, end, open, durationSeconds = "duration_seconds", latitude, longitude, siteID = "site_id"
    }
}

/// A vehicle's trips or stops: `{"vehicle_id", "device_id", "from", "to", "<name>": [...]}`.
private struct VehicleSpans<Span> {
    var vehicleID: UUID
    var deviceID: String?
    var from: Date
    var to: Date
    /// `trips` or `stops`.
    var name: String
    var spans: [Span]

    func map<Other>(_ transform: (Span) -> Other) -> VehicleSpans<Other> {
        VehicleSpans<Other>(vehicleID: vehicleID, deviceID: deviceID, from: from, to: to, name: name, spans: spans.map(transform))
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.init(stringValue) }
        init?(intValue: Int) { nil }
    }
}

extension VehicleSpans: Encodable where Span: Encodable {
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(vehicleID, forKey: Key("vehicle_id"))
        try container.encodeIfPresent(deviceID, forKey: Key("device_id"))
        try container.encode(from, forKey: Key("from"))
        try container.encode(to, forKey: Key("to"))
        try container.encode(spans, forKey: Key(name))
    }
}

private struct EventBody: Encodable {
    var kind: String
    var deviceID: String
    var vehicleID: UUID?
    var at: Date
    var latitude: Double
    var longitude: Double
    var siteID: String?
    var durationSeconds: Int64?
    var distanceMeters: Double?
    var speed: Double?

    init(_ stored: StoredEvent) {
        kind = stored.event.kind.rawValue
        deviceID = stored.event.deviceID
        vehicleID = stored.vehicleID
        at = GPSRoutes.date(stored.event.at)
        latitude = stored.event.latitude
        longitude = stored.event.longitude
        siteID = stored.event.siteID
        durationSeconds = stored.event.durationSeconds
        distanceMeters = stored.event.distanceMeters
        speed = stored.event.speed
    }

    enum CodingKeys: String, CodingKey {
        case kind, deviceID = "device_id", vehicleID = "vehicle_id", at, latitude, longitude, siteID = "site_id"
        case durationSeconds = "duration_seconds", distanceMeters = "distance_meters", speed
    }
}

private struct EventPage: Encodable {
    var events: [EventBody]
    var nextCursor: String?

    enum CodingKeys: String, CodingKey {
        case events, nextCursor = "next_cursor"
    }
}
