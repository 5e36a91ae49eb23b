import Domain
import FieldOpsCore
import Foundation
import Geo
import HTTPServer

/// Proof recorded on site:
///
///     POST /v1/time-clock                          clock in/out, checked against the site geofence
///     POST /v1/interventions/{id}/signatures       a client's or technician's signature
struct FieldRecordRoutes {
    let routing: TenantRouting
    let timeClock = TimeClockStore()
    let signatures = SignatureStore()

    struct PunchRequest: Decodable {
        let siteID: String
        let technicianID: String?
        let kind: String
        let latitude: Double
        let longitude: Double
        let accuracy: Double

        enum CodingKeys: String, CodingKey {
            case siteID = "site_id", technicianID = "technician_id", kind, latitude, longitude, accuracy = "accuracy_m"
        }
    }

    struct SignatureRequest: Decodable {
        let signerName: String
        let signerRole: String
        let strokes: [[[Double]]]?
        let imagePNGBase64: String?
        let latitude: Double?
        let longitude: Double?

        enum CodingKeys: String, CodingKey {
            case signerName = "signer_name", signerRole = "signer_role", strokes, imagePNGBase64 = "image_png_base64", latitude, longitude
        }
    }

    static let maximumSignatureBytes = 512 * 1024
    static let pngMagic: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    func register(in router: inout Router) {
        router.post("/v1/time-clock", routing.protect(Permission(.fieldwork, .create)) { [timeClock] request in
            let body = try request.http.decode(PunchRequest.self)
            var errors = FieldErrors()
            let site = UUID(uuidString: body.siteID)
            if site == nil { errors.fields["site_id"] = "must be a UUID" }
            let technician = body.technicianID.map(UUID.init(uuidString:))
            if case .some(.none) = technician { errors.fields["technician_id"] = "must be a UUID" }
            if !TimeClockStore.kinds.contains(body.kind) { errors.fields["kind"] = "must be one of " + TimeClockStore.kinds.joined(separator: ", ") }
            let position = GeoPoint(validatingLatitude: body.latitude, longitude: body.longitude)
            if position == nil { errors.fields["latitude"] = "latitude and longitude must be within range" }
            if !body.accuracy.isFinite || body.accuracy < 0 || body.accuracy > 100_000 { errors.fields["accuracy_m"] = "must be from 0 to 100000 metres" }
            guard errors.isEmpty, let site, let position else { throw errors }
            let entry = try await timeClock.record(
                TimeClockStore.Punch(siteID: site, technicianID: technician ?? nil, kind: body.kind, position: position, accuracyMeters: body.accuracy),
                role: request.claims.role, userID: request.userID, context: request.audit, on: request.pool
            )
            return HTTPResponse(status: 201, headers: ["Content-Type": "application/json"], body: entry)
        })
        router.post("/v1/interventions/{id}/signatures", routing.protect(Permission(.fieldwork, .create)) { [signatures] request in
            let id = try request.http.uuid(naming: "intervention")
            let signature = try Self.signature(try request.http.decode(SignatureRequest.self), intervention: id)
            let stored = try await signatures.sign(signature, userID: request.userID, context: request.audit, on: request.pool)
            return HTTPResponse(status: 201, headers: ["Content-Type": "application/json"], body: stored)
        })
    }

    /// Checks the signer, the role, and that exactly one of strokes or a real PNG is given.
    private static func signature(_ body: SignatureRequest, intervention: UUID) throws(FieldErrors) -> SignatureStore.Signature {
        var errors = FieldErrors()
        if case .failure(let message) = ResourceCatalog.name.validateText(body.signerName) { errors.fields["signer_name"] = message.text }
        if !["client", "technician"].contains(body.signerRole) { errors.fields["signer_role"] = "must be client or technician" }
        var png: [UInt8]?
        if let encoded = body.imagePNGBase64 {
            png = Data(base64Encoded: encoded).map { Array($0) }
            if png == nil || !(png!.starts(with: pngMagic)) || png!.count > maximumSignatureBytes {
                errors.fields["image_png_base64"] = "must be a base64 PNG of at most \(maximumSignatureBytes / 1024) KiB"
            }
        }
        let strokes = body.strokes
        if let strokes, strokes.isEmpty || strokes.count > 500 || strokes.contains(where: { $0.isEmpty || $0.count > 5_000 || $0.contains { $0.count != 2 || !$0.allSatisfy(\.isFinite) } }) {
            errors.fields["strokes"] = "must be 1 to 500 strokes of [x, y] points"
        }
        if (strokes == nil) == (body.imagePNGBase64 == nil) { errors.fields["strokes"] = "give either strokes or image_png_base64" }
        var position: GeoPoint?
        if let latitude = body.latitude, let longitude = body.longitude {
            position = GeoPoint(validatingLatitude: latitude, longitude: longitude)
            if position == nil { errors.fields["latitude"] = "latitude and longitude must be within range" }
        }
        guard errors.isEmpty else { throw errors }
        let strokeValue = strokes.map { JSONValue.array($0.map { .array($0.map { .array($0.map(JSONValue.double)) }) }) }
        return SignatureStore.Signature(
            interventionID: intervention, signerName: body.signerName, signerRole: body.signerRole, strokes: strokeValue, imagePNG: png, position: position
        )
    }
}
