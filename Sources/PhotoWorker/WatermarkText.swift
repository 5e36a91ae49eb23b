import Foundation
import Geo

/// The lines stamped on a photo: when (in the site's time zone), where (GPS and accuracy), what
/// (site and intervention), who (technician) and which file (a short hash of the original).
public enum WatermarkText {
    public static func lines(
        capturedAt: Date, timeZone: TimeZone, position: GeoPoint?, accuracyMetres: Double?,
        siteName: String, interventionReference: String, technician: String?, originalSHA256: String
    ) -> [String] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: capturedAt)
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        let when = "\(parts.year ?? 0)-\(two(parts.month))-\(two(parts.day)) \(two(parts.hour)):\(two(parts.minute)):\(two(parts.second)) "
            + offset(timeZone.secondsFromGMT(for: capturedAt)) + " (\(timeZone.identifier))"
        let whereTaken = position.map { point in
            String(format: "GPS %.6f, %.6f", point.latitude, point.longitude) + (accuracyMetres.map { String(format: " ±%.0f m", $0) } ?? "")
        } ?? "GPS not provided"
        return [
            when,
            whereTaken,
            "\(siteName) · \(interventionReference)",
            "\(technician ?? "Technician not assigned") · SHA-256 \(originalSHA256.prefix(12))",
        ]
    }

    /// `UTC+01:00`: the same everywhere, unlike zone abbreviations.
    private static func offset(_ seconds: Int) -> String {
        let minutes = abs(seconds) / 60
        return String(format: "UTC%@%02d:%02d", seconds < 0 ? "-" : "+", minutes / 60, minutes % 60)
    }
}
