#if canImport(Glibc)
import Glibc
#endif
import Geo

/// Douglas–Peucker simplification of a track: keeps the points a line through the kept ones would
/// miss by more than `tolerance` metres. A day of 1 Hz fixes (86,400 points) usually keeps a few
/// hundred at 10 m, which is what a map needs for a long range.
public enum TrackSimplification {
    /// Indices of the points to keep, ascending; the first and last are always kept.
    public static func keptIndices(of points: [GeoPoint], tolerance: Double) -> [Int] {
        guard points.count > 2 else { return Array(points.indices) }
        let plane = LocalPlane(origin: points[0])
        let projected = points.map(plane.project)
        var keep = [Bool](repeating: false, count: points.count)
        keep[0] = true
        keep[points.count - 1] = true
        // An explicit stack: recursion on a long straight track would go as deep as it is long.
        var ranges = [(0, points.count - 1)]
        while let (first, last) = ranges.popLast() {
            guard last - first > 1 else { continue }
            var farthest = first
            var farthestDistance = 0.0
            for index in (first + 1)..<last {
                let distance = segmentDistance(projected[index], projected[first], projected[last])
                if distance > farthestDistance {
                    farthest = index
                    farthestDistance = distance
                }
            }
            if farthestDistance > tolerance {
                keep[farthest] = true
                ranges.append((first, farthest))
                ranges.append((farthest, last))
            }
        }
        return keep.indices.filter { keep[$0] }
    }

    /// Distance in the plane from `point` to the segment `a`–`b`.
    private static func segmentDistance(_ point: (x: Double, y: Double), _ a: (x: Double, y: Double), _ b: (x: Double, y: Double)) -> Double {
        let dx = b.x - a.x, dy = b.y - a.y
        let lengthSquared = dx * dx + dy * dy
        var t = lengthSquared == 0 ? 0 : ((point.x - a.x) * dx + (point.y - a.y) * dy) / lengthSquared
        t = min(1, max(0, t))
        let ex = point.x - (a.x + t * dx), ey = point.y - (a.y + t * dy)
        return (ex * ex + ey * ey).squareRoot()
    }
}

/// An equirectangular projection around a track's first point, in metres: exact enough over the
/// tens of kilometres a vehicle's track spans for a tolerance of metres.
struct LocalPlane {
    let origin: GeoPoint
    let metersPerDegreeLatitude: Double
    let metersPerDegreeLongitude: Double

    init(origin: GeoPoint) {
        self.origin = origin
        // Scale from the module's own distance, so the Earth model lives in one place.
        metersPerDegreeLatitude = GeoPoint(latitude: 0, longitude: 0).distance(to: GeoPoint(latitude: 1, longitude: 0))
        metersPerDegreeLongitude = metersPerDegreeLatitude * cos(origin.latitude * .pi / 180)
    }

    func project(_ point: GeoPoint) -> (x: Double, y: Double) {
        ((point.longitude - origin.longitude) * metersPerDegreeLongitude, (point.latitude - origin.latitude) * metersPerDegreeLatitude)
    }
}
