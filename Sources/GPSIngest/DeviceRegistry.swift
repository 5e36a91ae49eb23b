#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Postgres
import Tenancy

/// Registers trackers: the device → tenant mapping in the control plane, the token's digest in the
/// tenant's database. Used by `fieldopsctl device register`.
public struct DeviceRegistry: Sendable {
    public static let maximumDeviceIDLength = 128

    private let controlPlane: PostgresPool
    private let tenants: TenantDatabases

    public init(controlPlane: PostgresPool, tenants: TenantDatabases) {
        self.controlPlane = controlPlane
        self.tenants = tenants
    }

    /// Registers (or re-registers) `deviceID` for the tenant and returns a new token, which replaces
    /// any earlier one. The token is not stored: the caller shows it once.
    public func register(deviceID: String, tenant slug: String, label: String? = nil) async throws -> DeviceToken {
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
        return token
    }
}
