import Postgres
import Synchronization

/// Each tenant's photo privacy choice (`photo_settings.keep_exif`), read from the tenant's database
/// and kept for a short while: a worker stamps many photos of a tenant in a row, and a change made
/// by the tenant's administrator applies to the photos processed after the entry expires.
public final class TenantPhotoPrivacy: Sendable {
    private struct Entry {
        let keepEXIF: Bool
        let readAt: ContinuousClock.Instant
    }

    private let lifetime: Duration
    private let entries = Mutex<[String: Entry]>([:])

    public init(lifetime: Duration) {
        self.lifetime = lifetime
    }

    /// Whether `tenant`'s watermarked photos keep their EXIF; false when the tenant never chose.
    public func keepsEXIF(tenant: String, pool: PostgresPool) async throws -> Bool {
        let now = ContinuousClock.now
        if let entry = entries.withLock({ $0[tenant] }), now - entry.readAt < lifetime { return entry.keepEXIF }
        let keep = try await pool.query("SELECT keep_exif FROM photo_settings").decode(Bool.self).first ?? false
        entries.withLock { $0[tenant] = Entry(keepEXIF: keep, readAt: now) }
        return keep
    }
}
