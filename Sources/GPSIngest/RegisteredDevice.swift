#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A tracker known to the control plane, and the tenant it reports for.
public struct RegisteredDevice: Sendable, Hashable {
    public var deviceID: String
    public var tenantID: UUID
    public var tenantSlug: String

    public init(deviceID: String, tenantID: UUID, tenantSlug: String) {
        self.deviceID = deviceID
        self.tenantID = tenantID
        self.tenantSlug = tenantSlug
    }
}
