import Foundation
import Geo
import PhotoProcessing

/// What a photo is worth as proof, from its declared and EXIF capture times and its position:
/// a pure function of values, so every rule is tested without a database or an image.
public struct EvidenceAssessment: Sendable, Equatable {
    /// The EXIF capture time as an instant (its own offset when recorded, else the site's zone).
    public var exifCaptureAt: Date?
    /// Declared and EXIF times differ by more than the tolerance; nil when either is missing.
    public var captureTimeMismatch: Bool?
    /// From the site's point; nil without a declared position.
    public var distanceMetres: Double?
    public var outsideGeofence: Bool?

    public static func assess(
        declaredCaptureAt: Date?, exifCaptureTime: ExifDateTime?, siteTimeZone: TimeZone, tolerance: Duration,
        position: GeoPoint?, site: GeoPoint, geofence: Geofence
    ) -> EvidenceAssessment {
        let exifInstant = exifCaptureTime.flatMap { $0.instant(defaultZone: siteTimeZone) }
        var mismatch: Bool?
        if let declaredCaptureAt, let exifInstant {
            mismatch = abs(declaredCaptureAt.timeIntervalSince(exifInstant)) > Double(tolerance.components.seconds)
        }
        return EvidenceAssessment(
            exifCaptureAt: exifInstant, captureTimeMismatch: mismatch,
            distanceMetres: position.map { $0.distance(to: site) },
            outsideGeofence: position.map { !geofence.contains($0) }
        )
    }
}


extension ExifDateTime {
    /// The instant this wall-clock time names: in its recorded offset, else in `defaultZone`.
    func instant(defaultZone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = utcOffsetMinutes.flatMap { TimeZone(secondsFromGMT: $0 * 60) } ?? defaultZone
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second))
    }
}
