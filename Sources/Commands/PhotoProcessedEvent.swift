import Mesh

/// Published on `fieldops.events` once a photo's evidence record is complete.
public struct PhotoProcessedEvent: MeshMessage, Equatable {
    public static let type = "photo.processed.v1"
    public static let routingKey = "photo.processed"

    public var photoID: String
    public var interventionID: String
    public var watermarkedSHA256: String
    public var captureTimeMismatch: Bool?
    public var outsideGeofence: Bool?

    public init(photoID: String, interventionID: String, watermarkedSHA256: String, captureTimeMismatch: Bool?, outsideGeofence: Bool?) {
        self.photoID = photoID
        self.interventionID = interventionID
        self.watermarkedSHA256 = watermarkedSHA256
        self.captureTimeMismatch = captureTimeMismatch
        self.outsideGeofence = outsideGeofence
    }

    enum CodingKeys: String, CodingKey {
        case photoID = "photo_id", interventionID = "intervention_id", watermarkedSHA256 = "watermarked_sha256"
        case captureTimeMismatch = "capture_time_mismatch", outsideGeofence = "outside_geofence"
    }
}
