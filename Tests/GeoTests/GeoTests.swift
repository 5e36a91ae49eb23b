import Geo
import Testing

@Suite("Geo")
struct GeoTests {
    let paris = GeoPoint(latitude: 48.8566, longitude: 2.3522)
    let lyon = GeoPoint(latitude: 45.7640, longitude: 4.8357)

    @Test func distancesMatchKnownValues() {
        // Paris–Lyon is 391.5 km as the crow flies.
        #expect(abs(paris.distance(to: lyon) - 391_500) < 1_000)
        #expect(paris.distance(to: paris) == 0)
        // One degree of latitude is 111.2 km.
        #expect(abs(GeoPoint(latitude: 0, longitude: 0).distance(to: GeoPoint(latitude: 1, longitude: 0)) - 111_195) < 10)
    }

    @Test func aCircleContainsWhatIsWithinItsRadius() throws {
        let fence = try Geofence(radiusMeters: 150, polygon: nil, center: paris)
        #expect(fence.contains(GeoPoint(latitude: 48.8570, longitude: 2.3525)))
        #expect(!fence.contains(GeoPoint(latitude: 48.8600, longitude: 2.3522)))
    }

    @Test func aPolygonContainsItsInsideOnly() throws {
        // An L-shaped site: the notch must be outside.
        let fence = try Geofence(radiusMeters: nil, polygon: [[0, 0], [0, 2], [1, 2], [1, 1], [2, 1], [2, 0]], center: paris)
        #expect(fence.contains(GeoPoint(latitude: 0.5, longitude: 0.5)))
        #expect(fence.contains(GeoPoint(latitude: 1.5, longitude: 0.5)))
        #expect(!fence.contains(GeoPoint(latitude: 1.5, longitude: 1.5)))
        #expect(!fence.contains(GeoPoint(latitude: -0.1, longitude: 0.5)))
    }

    @Test(arguments: [
        [[0.0, 0.0], [1.0, 1.0]],
        [[0.0, 0.0], [1.0, 1.0], [2.0, 2.0]],
        [[0.0, 0.0], [1.0, 1.0], [1.0, 0.0], [0.0, 1.0]],
        [[0.0, 179.0], [1.0, -179.0], [1.0, 179.0]],
        [[95.0, 0.0], [1.0, 1.0], [1.0, 0.0]],
        [[0.0], [1.0, 1.0], [1.0, 0.0]],
    ])
    func invalidPolygonsAreRefused(_ polygon: [[Double]]) {
        #expect(throws: GeofenceError.self) { try Geofence(radiusMeters: nil, polygon: polygon, center: paris) }
    }

    @Test func invalidRadiiAndShapesAreRefused() {
        for radius in [0, -5, 60_000, .nan, .infinity] as [Double] {
            #expect(throws: GeofenceError.self) { try Geofence(radiusMeters: radius, polygon: nil, center: paris) }
        }
        #expect(throws: GeofenceError.self) { try Geofence(radiusMeters: nil, polygon: nil, center: paris) }
        #expect(throws: GeofenceError.self) { try Geofence(radiusMeters: 10, polygon: [[0, 0], [0, 1], [1, 0]], center: paris) }
    }

    @Test func outOfRangeCoordinatesAreNotPoints() {
        #expect(GeoPoint(validatingLatitude: 91, longitude: 0) == nil)
        #expect(GeoPoint(validatingLatitude: 0, longitude: -181) == nil)
        #expect(GeoPoint(validatingLatitude: .nan, longitude: 0) == nil)
        #expect(GeoPoint(validatingLatitude: 48.85, longitude: 2.35) != nil)
    }
}
