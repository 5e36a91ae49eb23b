#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Postgres
import Tenancy

/// Registers and removes trackers: the device → tenant mapping in the control plane, the token's
/// digest in the tenant's database, the device's MQTT user in the broker. Used by
/// `fieldopsctl device register` and `fieldopsctl device remove`.
public struct DeviceRegistry: Sendable {
    public static let maximumDeviceIDLength = 128

    private let controlPlane: PostgresPool
    private let tenants: TenantDatabases
    private let brokerAccounts: DeviceBrokerAccounts

    public init(controlPlane: PostgresPool, tenants: TenantDatabases, brokerAccounts: DeviceBrokerAccounts) {
        self.controlPlane = controlPlane
        self.tenants = tenants
        self.brokerAccounts = brokerAccounts
    }

    /// Registers (or re-registers) `deviceID` for the tenant and returns a new token and MQTT
    /// password, which replace any earlier ones. Neither is stored in clear: the caller shows them once.
    public func register(deviceID: String, tenant slug: String, label: String? = nil) async throws -> DeviceCredentials {
        // ':' splits the token, '/', '.', '+' and '#' are MQTT topic and AMQP routing-key syntax.
        guard !deviceID.isEmpty, deviceID.utf8.count <= Self.maximumDeviceIDLength,
              deviceID.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_".unicodeScalars.contains($0) })
        else {
            throw DeviceRegistrationError(code: .invalidDeviceID, message: "a device id is 1 to 128 letters, digits, '-' or '_'")
        }
        let tenant = try await controlPlane.query("SELECT id FROM tenants WHERE slug = \(slug) AND status = 'active'")
        guard let tenantID = try tenant.first?.decode(UUID.self, at: 0) else {
            throw DeviceRegistrationError(code: .unknownTenant, message: "no active tenant \(slug)")
        }
        let claimed = try await controlPlane.query("""
            INSERT INTO devices (tracker_id, tenant_id, label) VALUES (\(deviceID), \(tenantID), \(label))
            ON CONFLICT (tracker_id) DO UPDATE SET label = coalesce(EXCLUDED.label, devices.label)
            WHERE devices.tenant_id = EXCLUDED.tenant_id
            RETURNING 1
            """)
        guard !claimed.isEmpty else {
            throw DeviceRegistrationError(code: .deviceTaken, message: "device \(deviceID) is registered to another tenant")
        }
        let token = DeviceToken(newFor: deviceID)
        _ = try await tenants.pool(for: slug).query("""
            INSERT INTO device_tokens (device_id, token_sha256) VALUES (\(deviceID), \(token.digest))
            ON CONFLICT (device_id) DO UPDATE SET token_sha256 = EXCLUDED.token_sha256, created_at = now()
            """)
        // Last: a failure here leaves a device without MQTT, and registering again completes it.
        let mqtt = try await brokerAccounts.provision(deviceID: deviceID, tenant: slug)
        return DeviceCredentials(token: token, mqtt: mqtt)
    }

    /// Removes the tenant's device: its broker user first (so a failure leaves it registered and
    /// removing again finishes), then its token, then the mapping — from then on every path refuses
    /// it (within the minute the ingestion caches keep a device).
    public func remove(deviceID: String, tenant slug: String) async throws {
        let owned = try await controlPlane.query("""
            SELECT 1 FROM devices d JOIN tenants t ON t.id = d.tenant_id WHERE d.tracker_id = \(deviceID) AND t.slug = \(slug)
            """)
        guard !owned.isEmpty else {
            throw DeviceRegistrationError(code: .unknownDevice, message: "tenant \(slug) has no device \(deviceID)")
        }
        try await brokerAccounts.remove(deviceID: deviceID, tenant: slug)
        _ = try await tenants.pool(for: slug).query("DELETE FROM device_tokens WHERE device_id = \(deviceID)")
        _ = try await controlPlane.query("""
            DELETE FROM devices d USING tenants t WHERE t.id = d.tenant_id AND d.tracker_id = \(deviceID) AND t.slug = \(slug)
            """)
    }

    /// The trackers registered to a tenant.
    public func deviceIDs(tenant slug: String) async throws -> [String] {
        try await controlPlane.query("""
            SELECT d.tracker_id FROM devices d JOIN tenants t ON t.id = d.tenant_id WHERE t.slug = \(slug) ORDER BY 1
            """).decode(String.self)
    }

    /// After a tenant was deleted (its devices' rows and tokens went with it): removes the broker
    /// users its trackers logged in with, so no credential of a deleted tenant still opens the MQTT
    /// port. Users already gone are skipped, so running it again finishes an interrupted run.
    public func revokeBrokerUsers(of deviceIDs: [String], tenant slug: String) async throws {
        for deviceID in deviceIDs {
            try await brokerAccounts.remove(deviceID: deviceID, tenant: slug)
        }
    }
}
