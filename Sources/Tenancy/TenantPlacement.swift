/// Where a tenant's data lives: a server known to the control plane, a database on it, and the
/// login role that owns that database.
public struct TenantPlacement: Sendable, Hashable {
    public var serverName: String
    public var databaseName: String
    public var roleName: String

    public init(serverName: String, databaseName: String, roleName: String) {
        self.serverName = serverName
        self.databaseName = databaseName
        self.roleName = roleName
    }

    /// The names provisioning gives a new tenant on `server`.
    public init(slug: TenantSlug, serverName: String) {
        self.init(serverName: serverName, databaseName: Self.databaseName(for: slug), roleName: Self.roleName(for: slug))
    }

    public static func databaseName(for slug: TenantSlug) -> String { "tenant_" + slug.identifierPart }

    public static func roleName(for slug: TenantSlug) -> String { "tenant_" + slug.identifierPart + "_owner" }
}
