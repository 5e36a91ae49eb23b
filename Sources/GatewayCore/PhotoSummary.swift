#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One photo in `GET /v1/interventions/{id}/photos`.
struct PhotoSummary: Encodable, Sendable {
    /// Short-lived signed URLs; absent until the file exists.
    struct URLs: Encodable, Sendable {
        let original: String?
        let watermarked: String?
        let preview: String?
        let thumbnail: String?
    }

    let id: String
    let status: String
    let contentType: String
    let sizeBytes: Int
    let originalSHA256: String
    let watermarkedSHA256: String?
    let width: Int?
    let height: Int?
    let declaredCaptureAt: Date?
    let exifCaptureAt: Date?
    let captureTimeMismatch: Bool?
    let latitude: Double?
    let longitude: Double?
    let accuracyMetres: Double?
    let distanceMetres: Double?
    let outsideGeofence: Bool?
    let note: String
    let failureReason: String?
    let createdAt: Date
    let urls: URLs

    enum CodingKeys: String, CodingKey {
        case id, status, contentType = "content_type", sizeBytes = "size_bytes", originalSHA256 = "original_sha256"
        case watermarkedSHA256 = "watermarked_sha256", width, height, declaredCaptureAt = "declared_capture_at"
        case exifCaptureAt = "exif_capture_at", captureTimeMismatch = "capture_time_mismatch", latitude, longitude
        case accuracyMetres = "accuracy_m", distanceMetres = "distance_m", outsideGeofence = "outside_geofence", note
        case failureReason = "failure_reason", createdAt = "created_at", urls
    }
}

/// `GET /v1/interventions/{id}/photos`.
struct PhotoList: Encodable, Sendable {
    let photos: [PhotoSummary]
    let urlsExpireInSeconds: Int

    enum CodingKeys: String, CodingKey {
        case photos, urlsExpireInSeconds = "urls_expire_in_seconds"
    }
}
