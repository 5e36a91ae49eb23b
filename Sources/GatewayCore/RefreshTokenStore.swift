import FieldOpsCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import FieldOpsCrypto
import Identity
import Postgres

/// Rotating refresh tokens. A token is 32 random bytes (base64url); only its SHA-256 is stored.
/// Each use marks it used and hands out its successor in the same family. A token presented a
/// second time means it was copied: the whole family is revoked, the thief's and the owner's.
public struct RefreshTokenStore: Sendable {
    public struct Grant: Sendable, Equatable {
        public let refreshToken: String
        public let subject: String
        public let tenant: String?
        public let role: Role
    }

    public enum Refusal: Error, Sendable, Equatable {
        case unknown
        case expired
        case revoked
        /// An already-used token came back; its family is now revoked.
        case reused
    }

    private let pool: PostgresPool
    private let lifetime: Duration

    public init(pool: PostgresPool, lifetime: Duration = .seconds(30 * 24 * 3600)) {
        self.pool = pool
        self.lifetime = lifetime
    }

    /// Starts a new family, at login.
    public func issue(subject: String, tenant: String?, role: Role) async throws -> Grant {
        try await pool.withConnection { connection in
            try await insert(family: UUID.random(), subject: subject, tenant: tenant, role: role, on: connection)
        }
    }

    /// Exchanges a token for its successor, or refuses it.
    public func rotate(_ token: String) async throws -> Result<Grant, Refusal> {
        let hash = SHA256.digest(Array(token.utf8))
        return try await pool.withTransaction { connection in
            let rows = try await connection.query("""
                SELECT family_id, subject, tenant, role, expires_at < now(), used_at IS NOT NULL, revoked_at IS NOT NULL
                FROM refresh_tokens WHERE token_hash = \(hash) FOR UPDATE
                """)
            guard let row = rows.first else { return .failure(.unknown) }
            let (family, subject, tenant, roleName, expired, used, revoked) = try row.decode((UUID, String, String?, String, Bool, Bool, Bool).self)
            if revoked { return .failure(.revoked) }
            if used {
                try await connection.query("UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = \(family) AND revoked_at IS NULL")
                return .failure(.reused)
            }
            if expired { return .failure(.expired) }
            guard let role = Role(rawValue: roleName) else { return .failure(.revoked) }
            try await connection.query("UPDATE refresh_tokens SET used_at = now() WHERE token_hash = \(hash)")
            return .success(try await insert(family: family, subject: subject, tenant: tenant, role: role, on: connection))
        }
    }

    /// Logout everywhere for one user, or a compromised account.
    public func revokeAll(subject: String) async throws {
        try await pool.query("UPDATE refresh_tokens SET revoked_at = now() WHERE subject = \(subject) AND revoked_at IS NULL")
    }

    private func insert(family: UUID, subject: String, tenant: String?, role: Role, on connection: PostgresConnection) async throws -> Grant {
        let token = Base64URL.encode(SecureRandom.bytes(32))
        let seconds = Int(lifetime.components.seconds)
        try await connection.query("""
            INSERT INTO refresh_tokens (token_hash, family_id, subject, tenant, role, expires_at)
            VALUES (\(SHA256.digest(Array(token.utf8))), \(family), \(subject), \(tenant), \(role.rawValue), now() + make_interval(secs => \(seconds)))
            """)
        return Grant(refreshToken: token, subject: subject, tenant: tenant, role: role)
    }
}
