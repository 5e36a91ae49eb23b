/// Why a geofence cannot be used.
public struct GeofenceError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
}

extension Geofence {
    public static let maximumRadiusMeters = 50_000.0
    public static let maximumVertices = 500

    /// Builds a geofence from its stored shape (`radius_m` around `center`, or `polygon`), refusing
    /// a radius out of range, fewer than 3 or more than 500 vertices, coordinates out of range, a
    /// polygon crossing the antimeridian, a degenerate (zero-area) polygon or edges that cross.
    public init(radiusMeters: Double?, polygon: [[Double]]?, center: GeoPoint) throws(GeofenceError) {
        switch (radiusMeters, polygon) {
        case (let radius?, nil):
            guard radius.isFinite, radius > 0, radius <= Self.maximumRadiusMeters else {
                throw GeofenceError(description: "radius_m must be more than 0 and at most \(Int(Self.maximumRadiusMeters)) metres")
            }
            self = .circle(center: center, radiusMeters: radius)
        case (nil, let pairs?):
            self = .polygon(try Self.validatedPolygon(pairs))
        default:
            throw GeofenceError(description: "give either radius_m or polygon")
        }
    }

    private static func validatedPolygon(_ pairs: [[Double]]) throws(GeofenceError) -> [GeoPoint] {
        guard (3...maximumVertices).contains(pairs.count) else {
            throw GeofenceError(description: "a polygon has 3 to \(maximumVertices) vertices")
        }
        var vertices: [GeoPoint] = []
        for (index, pair) in pairs.enumerated() {
            guard pair.count == 2, let point = GeoPoint(validatingLatitude: pair[0], longitude: pair[1]) else {
                throw GeofenceError(description: "vertex \(index) must be [latitude, longitude] within range")
            }
            vertices.append(point)
        }
        if vertices.count > 3, vertices.first == vertices.last { vertices.removeLast() }
        let longitudes = vertices.map(\.longitude)
        guard longitudes.max()! - longitudes.min()! < 180 else {
            throw GeofenceError(description: "a polygon may not cross the antimeridian")
        }
        guard abs(signedArea(vertices)) > 1e-12 else {
            throw GeofenceError(description: "the polygon has no area")
        }
        guard !hasCrossingEdges(vertices) else {
            throw GeofenceError(description: "the polygon's edges cross each other")
        }
        return vertices
    }

    private static func signedArea(_ vertices: [GeoPoint]) -> Double {
        var area = 0.0
        for index in vertices.indices {
            let a = vertices[index], b = vertices[(index + 1) % vertices.count]
            area += a.longitude * b.latitude - b.longitude * a.latitude
        }
        return area / 2
    }

    /// O(n²) over at most 500 vertices: fine for validation of a stored site.
    private static func hasCrossingEdges(_ vertices: [GeoPoint]) -> Bool {
        let count = vertices.count
        for i in 0..<count {
            for j in (i + 1)..<count where j != i + 1 && !(i == 0 && j == count - 1) {
                if segmentsCross(vertices[i], vertices[(i + 1) % count], vertices[j], vertices[(j + 1) % count]) { return true }
            }
        }
        return false
    }

    private static func segmentsCross(_ p1: GeoPoint, _ p2: GeoPoint, _ q1: GeoPoint, _ q2: GeoPoint) -> Bool {
        func orientation(_ a: GeoPoint, _ b: GeoPoint, _ c: GeoPoint) -> Double {
            (b.longitude - a.longitude) * (c.latitude - a.latitude) - (b.latitude - a.latitude) * (c.longitude - a.longitude)
        }
        let d1 = orientation(q1, q2, p1), d2 = orientation(q1, q2, p2)
        let d3 = orientation(p1, p2, q1), d4 = orientation(p1, p2, q2)
        return ((d1 > 0) != (d2 > 0)) && ((d3 > 0) != (d4 > 0)) && d1 != 0 && d2 != 0 && d3 != 0 && d4 != 0
    }
}
