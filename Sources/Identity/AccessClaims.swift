/// The claims of a FieldOps360 access token. The tenant always comes from here, never from a body.
public struct AccessClaims: Codable, Sendable, Equatable {
    /// The user id.
    public var subject: String
    /// The tenant slug; `nil` only for platform administrators acting across tenants.
    public var tenant: String?
    public var role: Role
    public var issuer: String
    public var audience: String
    public var issuedAt: Int64
    public var expiresAt: Int64
    public var tokenID: String

    public init(subject: String, tenant: String?, role: Role, issuer: String, audience: String, issuedAt: Int64, expiresAt: Int64, tokenID: String) {
        self.subject = subject
        self.tenant = tenant
        self.role = role
        self.issuer = issuer
        self.audience = audience
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
        self.tokenID = tokenID
    }

    enum CodingKeys: String, CodingKey {
        case subject = "sub", tenant = "tenant", role = "role", issuer = "iss", audience = "aud"
        case issuedAt = "iat", expiresAt = "exp", tokenID = "jti"
    }
}
