/// The steps of provisioning a tenant, in order. Each is idempotent and recorded in
/// `tenant_provisioning_steps`, so a rerun after a failure skips what is done and resumes.
public enum ProvisioningStep: String, Sendable, CaseIterable {
    /// A LOGIN role without any other privilege, its password sealed in the control plane.
    case createRole = "create_role"
    /// `CREATE DATABASE … OWNER role TEMPLATE template0 ENCODING 'UTF8'`.
    case createDatabase = "create_database"
    /// `REVOKE CONNECT … FROM PUBLIC`: other tenants' roles cannot even connect.
    case revokePublicConnect = "revoke_public_connect"
    /// The tenant migrations, applied as the tenant's own role.
    case migrate
    /// The sector's work types, skills, checklists, units and materials.
    case loadReferenceData = "load_reference_data"
    /// The tenant admin, invited with a one-time token. Rerun on every provisioning run until the
    /// tenant is active, so the run that activates the tenant always hands out a valid token.
    case inviteAdmin = "invite_admin"
    case activate
}

/// What one step did in one provisioning run, for progress output and timing.
public struct ProvisioningStepReport: Sendable, Equatable {
    public enum Outcome: String, Sendable {
        case done
        /// Done by an earlier run.
        case skipped
        case failed
    }

    public var step: ProvisioningStep
    public var outcome: Outcome
    public var detail: String
    public var duration: Duration
}
