#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Domain
import HTTPServer
import Postgres

/// The tenant's photo privacy choice, one row in its database (`photo_settings`):
///
///     GET /v1/settings/photos    { "keep_exif": false, "updated_at": … }
///     PUT /v1/settings/photos    { "keep_exif": true }   tenant administrators
///
/// `keep_exif` false (the default) strips the original's EXIF (camera, GPS, capture time) from the
/// watermarked JPEG; the evidence record keeps GPS and the capture time either way. The photo
/// worker reads the choice per tenant and reuses it for `FIELDOPS_PHOTO_SETTINGS_CACHE_SECONDS`.
struct PhotoSettingsRoutes {
    let routing: TenantRouting

    static let path = "/v1/settings/photos"

    struct Update: Decodable {
        let keepEXIF: Bool

        enum CodingKeys: String, CodingKey {
            case keepEXIF = "keep_exif"
        }
    }

    struct Current: Encodable {
        let keepEXIF: Bool
        let updatedAt: Date

        enum CodingKeys: String, CodingKey {
            case keepEXIF = "keep_exif", updatedAt = "updated_at"
        }
    }

    func register(in router: inout Router) {
        router.get(Self.path, routing.protect(Permission(.settings, .read)) { request in
            try .json(try await Self.current(on: request.pool))
        })
        router.put(Self.path, routing.protect(Permission(.settings, .update)) { request in
            let update = try request.http.decode(Update.self)
            try await request.pool.withTransaction { connection in
                try await request.audit.apply(on: connection)
                try await connection.query("UPDATE photo_settings SET keep_exif = \(update.keepEXIF)")
            }
            return try .json(try await Self.current(on: request.pool))
        })
    }

    private static func current(on pool: PostgresPool) async throws -> Current {
        let (keep, updatedAt) = try await pool.query("SELECT keep_exif, updated_at FROM photo_settings").decode((Bool, Date).self)[0]
        return Current(keepEXIF: keep, updatedAt: updatedAt)
    }
}
