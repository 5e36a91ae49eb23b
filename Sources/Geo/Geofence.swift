/// The area of a site: a circle around the site's point, or a polygon. Stored as
/// `{"radius_m": 150}` or `{"polygon": [[lat, lon], …]}`.
public enum Geofence: Sendable, Hashable {
    case circle(center: GeoPoint, radiusMeters: Double)
    case polygon([GeoPoint])

    /// True when `point` is inside (or on the edge of) the area.
    public func contains(_ point: GeoPoint) -> Bool {
        switch self {
        case .circle(let center, let radius):
            return center.distance(to: point) <= radius
        case .polygon(let vertices):
            return Self.polygon(vertices, contains: point)
        }
    }

    /// Distance in metres from `point` to the area's centre (the circle's centre, the polygon's
    /// vertex average): what a report shows next to "inside" or "outside".
    public func distanceFromCenter(_ point: GeoPoint) -> Double {
        switch self {
        case .circle(let center, _):
            return center.distance(to: point)
        case .polygon(let vertices):
            let count = Double(vertices.count)
            let center = GeoPoint(
                latitude: vertices.map(\.latitude).reduce(0, +) / count, longitude: vertices.map(\.longitude).reduce(0, +) / count
            )
            return center.distance(to: point)
        }
    }

    /// Ray casting in the plane of latitude/longitude: exact enough for site-sized polygons that do
    /// not straddle the antimeridian (validation refuses those).
    private static func polygon(_ vertices: [GeoPoint], contains point: GeoPoint) -> Bool {
        var inside = false
        var previous = vertices[vertices.count - 1]
        for vertex in vertices {
            if (vertex.latitude > point.latitude) != (previous.latitude > point.latitude) {
                let crossing = (previous.longitude - vertex.longitude) * (point.latitude - vertex.latitude)
                    / (previous.latitude - vertex.latitude) + vertex.longitude
                if point.longitude < crossing { inside.toggle() }
            }
            previous = vertex
        }
        return inside
    }
}
