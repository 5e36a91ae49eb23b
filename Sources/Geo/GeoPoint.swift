#if canImport(Glibc)
import Glibc
#endif

/// A WGS84 position in decimal degrees.
public struct GeoPoint: Sendable, Hashable, Codable {
    public var latitude: Double
    public var longitude: Double

    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }

    /// Nil when either coordinate is out of range or not a number.
    public init?(validatingLatitude latitude: Double, longitude: Double) {
        self.init(latitude: latitude, longitude: longitude)
        guard isValid else { return nil }
    }

    /// Both coordinates are numbers within range.
    public var isValid: Bool {
        latitude.isFinite && longitude.isFinite && (-90...90).contains(latitude) && (-180...180).contains(longitude)
    }

    static let earthRadiusMeters = 6_371_008.8

    /// Great-circle distance in metres (haversine on the mean Earth radius: within 0.5 % of the
    /// ellipsoid, far below GPS error at field distances).
    public func distance(to other: GeoPoint) -> Double {
        let radians = Double.pi / 180
        let deltaLatitude = (other.latitude - latitude) * radians
        let deltaLongitude = (other.longitude - longitude) * radians
        let a = sin(deltaLatitude / 2) * sin(deltaLatitude / 2)
            + cos(latitude * radians) * cos(other.latitude * radians) * sin(deltaLongitude / 2) * sin(deltaLongitude / 2)
        return 2 * Self.earthRadiusMeters * atan2(a.squareRoot(), (1 - a).squareRoot())
    }
}
