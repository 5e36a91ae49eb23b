import Foundation

/// A geofence as `sites.geofence` stores it: `{"radius_m": 150}` or `{"polygon": [[lat, lon], …]}`.
public struct StoredGeofence: Decodable, Sendable, Equatable {
    public var radiusMeters: Double?
    public var polygon: [[Double]]?

    enum CodingKeys: String, CodingKey {
        case radiusMeters = "radius_m", polygon
    }

    /// Reads the stored JSON.
    public init(json: some Collection<UInt8>) throws {
        self = try JSONDecoder().decode(Self.self, from: Data(json))
    }

    /// The area around the site at `center`.
    public func geofence(center: GeoPoint) throws(GeofenceError) -> Geofence {
        try Geofence(radiusMeters: radiusMeters, polygon: polygon, center: center)
    }
}
