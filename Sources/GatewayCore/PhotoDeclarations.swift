#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HTTPServer
import Mesh

/// What the technician's device declares about a photo, sent as query parameters beside the raw
/// image body: `captured_at` (RFC 3339), `latitude` and `longitude` (together), `accuracy_m`, `note`.
struct PhotoDeclarations: Sendable, Equatable {
    var capturedAt: Date?
    var latitude: Double?
    var longitude: Double?
    var accuracyMetres: Double?
    var note: String

    static let maxNoteLength = 1000

    /// Throws the field-by-field problems as a `MessageValidationError` (answered as `422`).
    init(query: (String) -> String?) throws(MessageValidationError) {
        var problems: [String: String] = [:]
        func number(_ name: String, in range: ClosedRange<Double>) -> Double? {
            guard let text = query(name) else { return nil }
            guard let value = Double(text), range.contains(value) else {
                problems[name] = "must be a number from \(range.lowerBound) to \(range.upperBound)"
                return nil
            }
            return value
        }
        capturedAt = query("captured_at").flatMap { text in
            let parsed = (try? Date(text, strategy: .iso8601)) ?? (try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
            if parsed == nil { problems["captured_at"] = "must be an RFC 3339 date-time, e.g. 2026-12-04T09:30:00+01:00" }
            return parsed
        }
        latitude = number("latitude", in: -90...90)
        longitude = number("longitude", in: -180...180)
        accuracyMetres = number("accuracy_m", in: 0...100_000)
        if (query("latitude") == nil) != (query("longitude") == nil) {
            problems[query("latitude") == nil ? "latitude" : "longitude"] = "latitude and longitude go together"
        }
        note = query("note") ?? ""
        if note.count > Self.maxNoteLength { problems["note"] = "is at most \(Self.maxNoteLength) characters" }
        guard problems.isEmpty else { throw MessageValidationError(problems) }
    }
}
