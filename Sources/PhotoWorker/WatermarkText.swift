import Foundation
import Geo

/// The lines stamped on evidence images, with times in the site's zone and a short hash that ties
/// the image to what it proves.
public enum WatermarkText {
    /// A photo: when (in the site's time zone), where (GPS and accuracy), what (site and
    /// intervention), who (technician) and which file (a short hash of the original).
    public static func lines(
        capturedAt: Date, timeZone: TimeZone, position: GeoPoint?, accuracyMetres: Double?,
        siteName: String, interventionReference: String, technician: String?, originalSHA256: String
    ) -> [String] {
        [
            timestamp(capturedAt, in: timeZone),
            place(position, accuracyMetres: accuracyMetres),
            "\(siteName) · \(interventionReference)",
            "\(technician ?? "Technician not assigned") · SHA-256 \(originalSHA256.prefix(12))",
        ]
    }

    /// A handwritten signature: who signed and as what, when, where, and which intervention summary
    /// the signature approves (a short hash of it).
    public static func signatureLines(
        signerName: String, signerRole: String, signedAt: Date, timeZone: TimeZone, position: GeoPoint?,
        interventionReference: String, summarySHA256: String
    ) -> [String] {
        [
            "\(signerName) · \(signerRole)",
            "Signed " + timestamp(signedAt, in: timeZone),
            place(position, accuracyMetres: nil),
            "\(interventionReference) · summary SHA-256 \(summarySHA256.prefix(12))",
        ]
    }

    /// `2026-12-04 09:30:00 UTC+01:00 (Europe/Paris)`.
    private static func timestamp(_ date: Date, in timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        return "\(parts.year ?? 0)-\(two(parts.month))-\(two(parts.day)) \(two(parts.hour)):\(two(parts.minute)):\(two(parts.second)) "
            + offset(timeZone.secondsFromGMT(for: date)) + " (\(timeZone.identifier))"
    }

    private static func place(_ position: GeoPoint?, accuracyMetres: Double?) -> String {
        position.map { point in
            String(format: "GPS %.6f, %.6f", point.latitude, point.longitude) + (accuracyMetres.map { String(format: " ±%.0f m", $0) } ?? "")
        } ?? "GPS not provided"
    }

    /// `UTC+01:00`: the same everywhere, unlike zone abbreviations.
    private static func offset(_ seconds: Int) -> String {
        let minutes = abs(seconds) / 60
        return String(format: "UTC%@%02d:%02d", seconds < 0 ? "-" : "+", minutes / 60, minutes % 60)
    }
}
