import Geo
import GPS
import Testing

@Suite("Track simplification")
struct TrackSimplificationTests {
    @Test("points on a straight line go, a corner stays, the ends always stay")
    func straightAndCorner() {
        var points = (0...100).map { GeoPoint(latitude: 45 + Double($0) * 0.0001, longitude: 5) }
        points += (1...100).map { GeoPoint(latitude: 45.01, longitude: 5 + Double($0) * 0.0001) }
        let kept = TrackSimplification.keptIndices(of: points, tolerance: 5)
        #expect(kept == [0, 100, 200])
    }

    @Test("a wiggle larger than the tolerance is kept, a smaller one is not")
    func tolerance() {
        // 0.0002° of longitude at 45° N is about 15.7 m.
        let points = [GeoPoint(latitude: 45, longitude: 5), GeoPoint(latitude: 45.005, longitude: 5.0002), GeoPoint(latitude: 45.01, longitude: 5)]
        #expect(TrackSimplification.keptIndices(of: points, tolerance: 10) == [0, 1, 2])
        #expect(TrackSimplification.keptIndices(of: points, tolerance: 20) == [0, 2])
        #expect(TrackSimplification.keptIndices(of: Array(points.prefix(2)), tolerance: 20) == [0, 1])
    }
}
