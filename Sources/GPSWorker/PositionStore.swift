#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GPS
import GPSIngest
import Postgres

/// Stores one tenant's share of a batch in its database, inside the caller's transaction:
///
/// 1. binary COPY into a session temporary table (the fastest way in), then one
///    `INSERT … ON CONFLICT DO NOTHING` into the partitioned `positions`: a fix already stored (a
///    redelivered batch, a tracker resending) is skipped, so ingestion is idempotent on
///    (device, fix time);
/// 2. the event engine runs from each device's stored state (locked), and the new states and
///    events are written in the same transaction — a batch replayed after a crash derives nothing twice.
enum PositionStore {
    struct Outcome: Sendable {
        /// Positions new to the table.
        var stored = 0
        var events: [GPSEventMessage] = []
        /// Devices whose newest valid fix moved forward.
        var live: [LivePosition] = []
    }

    static let columns = [
        "device_id", "fix_time", "latitude", "longitude", "speed", "course", "altitude", "accuracy", "hdop", "battery", "valid", "attributes",
        "received_at",
    ]

    static func write(_ deliveries: [ReceivedPositions], profile: TenantProfile, connection: PostgresConnection) async throws -> Outcome {
        var outcome = Outcome()
        outcome.stored = try await insert(deliveries, connection: connection)

        var byDevice: [String: [Position]] = [:]
        for delivery in deliveries { byDevice[delivery.device.deviceID, default: []] += delivery.positions }
        let deviceIDs = byDevice.keys.sorted()
        let decoder = JSONDecoder()
        var states: [String: DeviceState] = [:]
        // Sorted ids and FOR UPDATE: two workers touching the same devices (a shard moving over) lock in one order.
        for row in try await connection.query("""
            SELECT device_id, state FROM device_states WHERE device_id = ANY(\(deviceIDs)) ORDER BY device_id FOR UPDATE
            """) {
            let (deviceID, json) = try row.decode((String, PostgresJSON).self)
            states[deviceID] = try json.decode(DeviceState.self, decoder: decoder)
        }

        let encoder = JSONEncoder()
        var newStates: [PostgresJSON] = []
        for deviceID in deviceIDs {
            let previous = states[deviceID] ?? DeviceState()
            let (state, events) = profile.engine.advance(previous, with: byDevice[deviceID]!)
            newStates.append(try PostgresJSON(encoding: state, encoder: encoder))
            let vehicleID = profile.vehicles[deviceID]
            outcome.events += events.map { GPSEventMessage(event: $0, vehicleID: vehicleID) }
            if let newest = state.lastFixTime, newest != previous.lastFixTime,
               let position = byDevice[deviceID]!.last(where: { $0.fixTime == newest }) {
                outcome.live.append(LivePosition(
                    deviceID: deviceID, vehicleID: vehicleID, latitude: position.latitude, longitude: position.longitude, fixTime: newest,
                    speed: position.speed, course: position.course
                ))
            }
        }
        try await save(newStates, of: deviceIDs, connection: connection)
        try await record(outcome.events, connection: connection, encoder: encoder)
        return outcome
    }

    /// Writes the engine's states of `deviceIDs` (in the same order).
    static func save(_ states: [PostgresJSON], of deviceIDs: [String], connection: PostgresConnection) async throws {
        _ = try await connection.query("""
            INSERT INTO device_states (device_id, state)
            SELECT * FROM unnest(\(deviceIDs)::text[], \(states)::jsonb[])
            ON CONFLICT (device_id) DO UPDATE SET state = EXCLUDED.state, updated_at = now()
            """)
    }

    private static func insert(_ deliveries: [ReceivedPositions], connection: PostgresConnection) async throws -> Int {
        try await connection.execute(script: """
            CREATE TEMP TABLE IF NOT EXISTS incoming_positions (LIKE positions INCLUDING DEFAULTS) ON COMMIT DELETE ROWS
            """)
        let encoder = JSONEncoder()
        _ = try await connection.copyIn(table: "incoming_positions", columns: columns) { writer in
            for delivery in deliveries {
                let receivedAt = date(delivery.receivedAt)
                for position in delivery.positions {
                    let attributes = position.attributes.isEmpty ? nil : try PostgresJSON(encoding: position.attributes, encoder: encoder)
                    try await writer.append(
                        position.deviceID, date(position.fixTime), position.latitude, position.longitude, position.speed.map(Float.init),
                        position.course.map(Float.init), position.altitude.map(Float.init), position.accuracy.map(Float.init),
                        position.hdop.map(Float.init), position.battery.map(Float.init), position.valid, attributes, receivedAt
                    )
                }
            }
        }
        let columnList = columns.joined(separator: ", ")
        return try await connection.query(PostgresQuery(unsafeSQL: """
            INSERT INTO positions (\(columnList)) SELECT \(columnList) FROM incoming_positions ON CONFLICT DO NOTHING
            """)).affectedRows
    }

    /// Appends events to `gps_events`; one already there (same key) is left as it is.
    static func record(_ events: [GPSEventMessage], connection: PostgresConnection, encoder: JSONEncoder) async throws {
        guard !events.isEmpty else { return }
        let details = try events.map { message in
            try PostgresJSON(encoding: DeviceEventDetails(event: message.event, vehicleID: message.vehicleID), encoder: encoder)
        }
        _ = try await connection.query("""
            INSERT INTO gps_events (event_key, device_id, kind, occurred_at, site_id, latitude, longitude, details)
            SELECT * FROM unnest(\(events.map(\.event.key))::text[], \(events.map(\.event.deviceID))::text[],
                                 \(events.map(\.event.kind.rawValue))::text[], \(events.map { date($0.event.at) })::timestamptz[],
                                 \(events.map { $0.event.siteID.flatMap(UUID.init(uuidString:)) })::uuid[],
                                 \(events.map(\.event.latitude))::float8[], \(events.map(\.event.longitude))::float8[], \(details)::jsonb[])
            ON CONFLICT (event_key) DO NOTHING
            """)
    }

    static func date(_ milliseconds: Int64) -> Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }
}
