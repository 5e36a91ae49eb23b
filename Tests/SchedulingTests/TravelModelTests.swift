import Geo
import Scheduling
import Testing

@Suite("TravelModel")
struct TravelModelTests {
    @Test("haversine distance Paris–Lyon, and minutes rounded up with the detour factor")
    func parisLyon() {
        let paris = GeoPoint(latitude: 48.8566, longitude: 2.3522)
        let lyon = GeoPoint(latitude: 45.7640, longitude: 4.8357)
        #expect(abs(paris.distance(to: lyon) / 1_000 - 391.5) < 1)
        #expect(TravelModel(speedKilometresPerHour: 90, detourFactor: 1.3).minutes(from: paris, to: lyon) == 340)
        #expect(TravelModel(speedKilometresPerHour: 90).minutes(from: paris, to: paris) == 0)
    }
}
