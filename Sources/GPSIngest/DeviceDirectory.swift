#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Postgres

/// Which tenant a tracker reports for, from the control plane's `devices` table, cached: every
/// position arrives with a device id only, and ingestion must not cost a query per fix.
///
/// Known devices are trusted for `knownTimeToLive`, unknown ones for the shorter `unknownTimeToLive`
/// (a device registered a moment ago is accepted soon; a flood of unknown ids costs one query per id
/// and interval). Only active tenants' devices are known.
public final class DeviceDirectory: Sendable {
    private let controlPlane: PostgresPool
    private let knownTimeToLive: Duration
    private let unknownTimeToLive: Duration
    /// Nil values are the devices found unknown.
    private let entries: ExpiringCache<String, RegisteredDevice?>

    public init(controlPlane: PostgresPool, knownTimeToLive: Duration = .seconds(60), unknownTimeToLive: Duration = .seconds(5), capacity: Int = 200_000) {
        self.controlPlane = controlPlane
        self.knownTimeToLive = knownTimeToLive
        self.unknownTimeToLive = unknownTimeToLive
        entries = ExpiringCache(capacity: capacity)
    }

    /// Nil for a device no active tenant registered.
    public func device(_ deviceID: String) async throws -> RegisteredDevice? {
        if let cached = entries.value(for: deviceID) { return cached }
        let rows = try await controlPlane.query("""
            SELECT d.tenant_id, t.slug FROM devices d JOIN tenants t ON t.id = d.tenant_id
            WHERE d.tracker_id = \(deviceID) AND t.status = 'active'
            """)
        var device: RegisteredDevice?
        if let row = rows.first {
            let (tenantID, slug) = try row.decode((UUID, String).self)
            device = RegisteredDevice(deviceID: deviceID, tenantID: tenantID, tenantSlug: slug)
        }
        entries.store(device, for: deviceID, timeToLive: device == nil ? unknownTimeToLive : knownTimeToLive)
        return device
    }
}
