import FieldOpsCore
import FieldOpsCrypto
import Foundation
import Identity
import Postgres

/// The people who sign in to a tenant: invitation, password, sign-in, password reset. Tokens are
/// handed out once; only their SHA-256 is stored, and they expire.
public struct UserAccounts: Sendable {
    public static let tenantRoles = ["tenant_admin", "manager", "project_manager", "site_lead", "technician"]
    public static let inviteLifetime: Duration = .seconds(7 * 24 * 3600)
    public static let resetLifetime: Duration = .seconds(3600)

    /// Who signed in.
    public struct SignedInUser: Sendable, Equatable {
        public let userID: String
        public let role: Role
        /// The user's first sign-in of the day (UTC): counted once as an active user.
        public var firstSignInToday = false
    }

    private let hasher: PasswordHasher

    public init(hasher: PasswordHasher) {
        self.hasher = hasher
    }

    /// The user for these credentials, or nil (unknown e-mail, wrong password, not active: the
    /// caller cannot tell which).
    public func authenticate(email: String, password: String, on pool: PostgresPool) async throws -> SignedInUser? {
        let rows = try await pool.query("SELECT id::text, role, status, password_hash FROM users WHERE lower(email) = lower(\(email))")
        let user = try rows.first.map { try $0.decode((String, String, String, String?).self) }
        guard await hasher.verify(password, against: user?.3), let user, user.2 == "active", let role = Role(rawValue: user.1) else { return nil }
        let firstToday = try await pool.query("""
            UPDATE users u SET last_login_at = now() FROM (SELECT id, last_login_at FROM users WHERE id = \(UUID(uuidString: user.0)) FOR UPDATE) previous
            WHERE u.id = previous.id
            RETURNING previous.last_login_at IS NULL OR (previous.last_login_at AT TIME ZONE 'UTC')::date < (now() AT TIME ZONE 'UTC')::date
            """).decode(Bool.self).first ?? false
        return SignedInUser(userID: user.0, role: role, firstSignInToday: firstToday)
    }

    /// Invites a new user (or renews the invitation of one still invited): the user as JSON and the
    /// token to send them.
    public func invite(email: String, role: String, displayName: String?, context: AuditContext, on pool: PostgresPool) async throws -> (json: [UInt8], token: String) {
        var errors = FieldErrors()
        if case .failure(let message) = FieldType.email.validate(.string(email)) { errors.fields["email"] = message.text }
        if !Self.tenantRoles.contains(role) { errors.fields["role"] = "must be one of " + Self.tenantRoles.joined(separator: ", ") }
        if let displayName, case .failure(let message) = FieldType.text(maxLength: 200).validate(.string(displayName)) {
            errors.fields["display_name"] = message.text
        }
        guard errors.isEmpty else { throw DomainError.invalid(errors) }
        let token = Hex.encode(SecureRandom.bytes(32))
        let expires = Self.inviteLifetime.components.seconds
        let rows = try await pool.withTransaction { connection in
            try await context.apply(on: connection)
            return try await connection.query("""
                INSERT INTO users AS u (id, email, role, display_name, status, invite_token_hash, invite_expires_at)
                VALUES (gen_random_uuid(), lower(\(email)), \(role), \(displayName), 'invited', \(SHA256.digest(Array(token.utf8))), now() + make_interval(secs => \(expires)))
                ON CONFLICT (email) DO UPDATE SET invite_token_hash = EXCLUDED.invite_token_hash, invite_expires_at = EXCLUDED.invite_expires_at,
                    role = EXCLUDED.role, display_name = coalesce(EXCLUDED.display_name, u.display_name)
                WHERE u.status = 'invited'
                RETURNING to_jsonb(u) - 'password_hash' - 'invite_token_hash' - 'reset_token_hash'
                """)
        }
        guard let row = rows.first else { throw DomainError(.conflict, "a user with this e-mail already exists") }
        return (try row.decode(PostgresJSON.self, at: 0).rawJSON, token)
    }

    /// Turns an invitation into an active account with its first password.
    public func acceptInvitation(token: String, password: String, on pool: PostgresPool) async throws -> SignedInUser {
        try await setPassword(token: token, password: password, tokenColumn: "invite_token_hash", expiryColumn: "invite_expires_at", on: pool)
    }

    /// A password-reset token for an active user, for an administrator to pass on.
    public func issueReset(userID: UUID, context: AuditContext, on pool: PostgresPool) async throws -> String {
        let token = Hex.encode(SecureRandom.bytes(32))
        let seconds = Self.resetLifetime.components.seconds
        let updated = try await pool.withTransaction { connection in
            try await context.apply(on: connection)
            return try await connection.query("""
                UPDATE users SET reset_token_hash = \(SHA256.digest(Array(token.utf8))), reset_expires_at = now() + make_interval(secs => \(seconds))
                WHERE id = \(userID) AND status = 'active' RETURNING id
                """)
        }
        guard !updated.isEmpty else { throw DomainError(.notFound, "no active user with this id") }
        return token
    }

    public func confirmReset(token: String, password: String, on pool: PostgresPool) async throws -> SignedInUser {
        try await setPassword(token: token, password: password, tokenColumn: "reset_token_hash", expiryColumn: "reset_expires_at", on: pool)
    }

    private func setPassword(token: String, password: String, tokenColumn: String, expiryColumn: String, on pool: PostgresPool) async throws -> SignedInUser {
        if let weakness = PasswordHasher.weakness(of: password) { throw DomainError.invalid(FieldErrors(["password": weakness])) }
        let encoded = await hasher.hash(password)
        let rows = try await pool.withTransaction { connection in
            try await AuditContext(actor: "self-service", requestID: nil).apply(on: connection)
            return try await connection.query("""
                UPDATE users SET password_hash = \(encoded), status = 'active', \(unescaped: tokenColumn) = NULL, \(unescaped: expiryColumn) = NULL
                WHERE \(unescaped: tokenColumn) = \(SHA256.digest(Array(token.utf8))) AND \(unescaped: expiryColumn) > now() AND status <> 'disabled'
                RETURNING id::text, role
                """)
        }
        guard let row = rows.first else { throw DomainError(.notFound, "the token is unknown, used or expired") }
        let (id, role) = try row.decode((String, String).self)
        return SignedInUser(userID: id, role: Role(rawValue: role) ?? .technician)
    }
}
