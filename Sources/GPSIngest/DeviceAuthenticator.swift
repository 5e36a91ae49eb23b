import FieldOpsCrypto
import Tenancy

/// Checks device tokens: the device must be registered to an active tenant and the secret's digest
/// must be the one in that tenant's `device_tokens`. A token that passed is trusted for
/// `timeToLive`, so a tracker posting every second costs one query a minute.
public final class DeviceAuthenticator: Sendable {
    private let directory: DeviceDirectory
    private let tenants: TenantDatabases
    private let timeToLive: Duration
    private let verified = ExpiringCache<DeviceToken, RegisteredDevice>(capacity: 100_000)

    public init(directory: DeviceDirectory, tenants: TenantDatabases, timeToLive: Duration = .seconds(60)) {
        self.directory = directory
        self.tenants = tenants
        self.timeToLive = timeToLive
    }

    /// The device, or nil when the token is unknown, replaced, or its device is not registered.
    public func authenticate(_ token: DeviceToken) async throws -> RegisteredDevice? {
        if let device = verified.value(for: token) { return device }
        guard let device = try await directory.device(token.deviceID) else { return nil }
        let rows = try await tenants.pool(for: device.tenantSlug).query(
            "SELECT 1 FROM device_tokens WHERE device_id = \(token.deviceID) AND token_sha256 = \(token.digest)"
        )
        guard !rows.isEmpty else { return nil }
        verified.store(device, for: token, timeToLive: timeToLive)
        return device
    }
}
