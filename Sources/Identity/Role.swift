/// What a user may do inside a tenant (or, for `platformAdmin`, across tenants).
public enum Role: String, Codable, Sendable, CaseIterable, Comparable {
    case technician = "technician"
    case siteLead = "site_lead"
    case projectManager = "project_manager"
    case manager = "manager"
    case tenantAdmin = "tenant_admin"
    case platformAdmin = "platform_admin"

    /// Roles are ordered by reach: each one may do what the ones below it may.
    private var rank: Int { Role.allCases.firstIndex(of: self)! }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }

    /// True when this role is `minimum` or above it.
    public func satisfies(_ minimum: Role) -> Bool { self >= minimum }
}
