#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A tenant as the control plane records it.
public struct Tenant: Sendable, Equatable {
    public var id: UUID
    public var slug: String
    public var name: String
    public var sector: TenantSector
    public var status: TenantStatus
    public var adminEmail: String
    public var licence: TenantLicence
    public var placement: TenantPlacement
    public var createdAt: Date
    public var updatedAt: Date
}
