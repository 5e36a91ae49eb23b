import GPSIngest
import Postgres

/// Each tenant's `TenantProfile`, reloaded after `timeToLive`.
final class TenantProfiles: Sendable {
    private let timeToLive: Duration
    private let profiles = ExpiringCache<String, TenantProfile>()

    init(timeToLive: Duration = .seconds(60)) {
        self.timeToLive = timeToLive
    }

    func profile(for tenant: String, connection: PostgresConnection) async throws -> TenantProfile {
        if let cached = profiles.value(for: tenant) { return cached }
        let profile = try await TenantProfile.load(from: connection)
        profiles.store(profile, for: tenant, timeToLive: timeToLive)
        return profile
    }
}
