/// Where a tenant is in its life: only `active` tenants get database connections.
public enum TenantStatus: String, Sendable, CaseIterable, Codable {
    case provisioning
    case active
    case suspended
    /// Being copied to another server (`fieldopsctl tenant move`): refused meanwhile.
    case moving
    case deleting
}
