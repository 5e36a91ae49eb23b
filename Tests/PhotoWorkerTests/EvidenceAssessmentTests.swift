import Foundation
import Geo
import PhotoProcessing
import PhotoWorker
import Testing

@Suite("Evidence checks and watermark text")
struct EvidenceAssessmentTests {
    let paris = TimeZone(identifier: "Europe/Paris")!
    let site = GeoPoint(latitude: 48.8809, longitude: 2.3553)

    @Test func distancesAreGreatCircleMetres() {
        let london = GeoPoint(latitude: 51.5074, longitude: -0.1278)
        let parisCentre = GeoPoint(latitude: 48.8566, longitude: 2.3522)
        #expect(abs(parisCentre.distance(to: london) - 343_500) < 1_000)
        #expect(site.distance(to: site) == 0)
    }

    @Test func geofencesAreRadiiOrPolygons() throws {
        let radius = try StoredGeofence(json: Array(#"{"radius_m": 150}"#.utf8)).geofence(center: site)
        #expect(radius == .circle(center: site, radiusMeters: 150))
        #expect(radius.contains(GeoPoint(latitude: 48.8818, longitude: 2.3553)), "100 m north")
        #expect(!radius.contains(GeoPoint(latitude: 48.8830, longitude: 2.3553)), "230 m north")

        let square = try StoredGeofence(json: Array(#"{"polygon": [[48.88, 2.35], [48.88, 2.36], [48.89, 2.36], [48.89, 2.35]]}"#.utf8)).geofence(center: site)
        #expect(square.contains(GeoPoint(latitude: 48.885, longitude: 2.355)))
        #expect(!square.contains(GeoPoint(latitude: 48.895, longitude: 2.355)))
        #expect(throws: (any Error).self) { try StoredGeofence(json: Array("{}".utf8)).geofence(center: site) }
    }

    @Test func declaredAndEXIFTimesAreComparedInTheSiteZoneUnlessEXIFHasAnOffset() throws {
        // 09:30 in Paris in December is 08:30 UTC.
        let declared = Date(timeIntervalSince1970: 1_796_373_000) // 2026-12-04T08:30:00Z
        let exifLocal = ExifDateTime(exif: "2026:12:04 09:34:00")
        let close = EvidenceAssessment.assess(
            declaredCaptureAt: declared, exifCaptureTime: exifLocal, siteTimeZone: paris, tolerance: .seconds(600),
            position: nil, site: site, geofence: .circle(center: site, radiusMeters: 150)
        )
        #expect(close.captureTimeMismatch == false)
        #expect(close.exifCaptureAt == declared.addingTimeInterval(240))
        #expect(close.distanceMetres == nil && close.outsideGeofence == nil)

        let withOffset = ExifDateTime(exif: "2026:12:04 09:34:00", offset: "-05:00")
        let far = EvidenceAssessment.assess(
            declaredCaptureAt: declared, exifCaptureTime: withOffset, siteTimeZone: paris, tolerance: .seconds(600),
            position: GeoPoint(latitude: 48.90, longitude: 2.3553), site: site, geofence: .circle(center: site, radiusMeters: 150)
        )
        #expect(far.captureTimeMismatch == true)
        #expect(far.outsideGeofence == true)
        #expect(abs(far.distanceMetres! - 2_124) < 10)

        let undeclared = EvidenceAssessment.assess(
            declaredCaptureAt: nil, exifCaptureTime: exifLocal, siteTimeZone: paris, tolerance: .seconds(600),
            position: nil, site: site, geofence: .circle(center: site, radiusMeters: 150)
        )
        #expect(undeclared.captureTimeMismatch == nil)
    }

    @Test func theWatermarkSaysWhenWhereWhatWhoAndWhichFile() {
        let lines = WatermarkText.lines(
            capturedAt: Date(timeIntervalSince1970: 1_796_373_000), timeZone: paris,
            position: GeoPoint(latitude: 48.88091, longitude: 2.35531), accuracyMetres: 7.6,
            siteName: "Gare du Nord", interventionReference: "INT-2026-000042", technician: "Julie Martin",
            originalSHA256: String(repeating: "ab", count: 32)
        )
        #expect(lines == [
            "2026-12-04 09:30:00 UTC+01:00 (Europe/Paris)",
            "GPS 48.880910, 2.355310 ±8 m",
            "Gare du Nord · INT-2026-000042",
            "Julie Martin · SHA-256 abababababab",
        ])
        let anonymous = WatermarkText.lines(
            capturedAt: Date(timeIntervalSince1970: 0), timeZone: TimeZone(identifier: "UTC")!, position: nil, accuracyMetres: nil,
            siteName: "S", interventionReference: "I", technician: nil, originalSHA256: "0123"
        )
        #expect(anonymous[1] == "GPS not provided" && anonymous[3].hasPrefix("Technician not assigned"))
    }
}
