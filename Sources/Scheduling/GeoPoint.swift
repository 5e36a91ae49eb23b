#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A WGS 84 position in degrees.
public struct GeoPoint: Hashable, Sendable, Codable {
    public var latitude: Double
    public var longitude: Double

    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }

    var isValid: Bool {
        (-90...90).contains(latitude) && (-180...180).contains(longitude)
    }

    /// Great-circle distance (haversine, mean Earth radius).
    public func kilometres(to other: GeoPoint) -> Double {
        let radians = Double.pi / 180
        let halfDeltaLatitude = sin((other.latitude - latitude) * radians / 2)
        let halfDeltaLongitude = sin((other.longitude - longitude) * radians / 2)
        let a = halfDeltaLatitude * halfDeltaLatitude
            + cos(latitude * radians) * cos(other.latitude * radians) * halfDeltaLongitude * halfDeltaLongitude
        return 2 * 6371.0088 * asin(min(1, a.squareRoot()))
    }
}
