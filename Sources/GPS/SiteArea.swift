import Geo

/// A site whose geofence produces enter/exit events.
public struct SiteArea: Sendable, Hashable {
    public var siteID: String
    public var geofence: Geofence

    public init(siteID: String, geofence: Geofence) {
        self.siteID = siteID
        self.geofence = geofence
    }
}
