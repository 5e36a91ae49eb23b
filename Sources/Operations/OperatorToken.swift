import GatewayCore
import Identity

/// Access tokens minted by an operator (for support work and tests), signed with the same key and
/// claims the gateway uses, so the gateway accepts them like any other.
public enum OperatorToken {
    /// `lifetime` defaults to the configured access-token lifetime; it can never exceed
    /// `AccessTokenIssuer.maximumLifetime`. Every role but `platformAdmin` acts inside one tenant.
    public static func issue(
        subject: String, role: Role, tenant: String?, lifetime: Duration?, settings: TokenSettings, now: Int64
    ) throws(OperationsError) -> (token: String, claims: AccessClaims) {
        guard !subject.isEmpty else { throw OperationsError(.invalidRequest, "the subject must not be empty") }
        if role != .platformAdmin, tenant?.isEmpty ?? true {
            throw OperationsError(.invalidRequest, "the role \(role.rawValue) needs a tenant (only \(Role.platformAdmin.rawValue) may have none)")
        }
        let lifetime = lifetime ?? settings.accessLifetime
        guard lifetime > .zero, lifetime <= AccessTokenIssuer.maximumLifetime else {
            throw OperationsError(
                .invalidRequest, "the lifetime must be between 1 and \(AccessTokenIssuer.maximumLifetime.components.seconds) seconds"
            )
        }
        let issuer = AccessTokenIssuer(key: settings.signingKey, issuer: settings.issuer, audience: settings.audience, lifetime: lifetime)
        return issuer.issue(subject: subject, tenant: tenant, role: role, now: now)
    }
}
