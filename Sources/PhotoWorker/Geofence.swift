/// A site's geofence as `sites.geofence` stores it: `{"radius_m": 150}` around the site's point, or
/// `{"polygon": [[lat, lon], …]}`.
public enum Geofence: Sendable, Equatable, Decodable {
    case radius(metres: Double)
    case polygon([Coordinate])

    enum CodingKeys: String, CodingKey {
        case radius = "radius_m", polygon
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let radius = try container.decodeIfPresent(Double.self, forKey: .radius) {
            self = .radius(metres: radius)
        } else {
            let points = try container.decode([[Double]].self, forKey: .polygon)
            self = .polygon(points.filter { $0.count == 2 }.map { Coordinate(latitude: $0[0], longitude: $0[1]) })
        }
    }

    /// Whether `point` lies inside, for a fence around `site`.
    public func contains(_ point: Coordinate, site: Coordinate) -> Bool {
        switch self {
        case .radius(let metres):
            return point.distance(to: site) <= metres
        case .polygon(let vertices):
            // Ray casting on latitude/longitude: exact enough for a site-sized polygon away from the poles.
            var inside = false
            var previous = vertices.last
            for vertex in vertices {
                if let last = previous, (vertex.latitude > point.latitude) != (last.latitude > point.latitude) {
                    let crossing = (last.longitude - vertex.longitude) * (point.latitude - vertex.latitude)
                        / (last.latitude - vertex.latitude) + vertex.longitude
                    if point.longitude < crossing { inside.toggle() }
                }
                previous = vertex
            }
            return inside
        }
    }
}
