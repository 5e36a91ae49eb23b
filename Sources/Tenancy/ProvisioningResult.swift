/// What `TenantProvisioner.provision` did.
public struct ProvisioningResult: Sendable {
    public var tenant: Tenant
    /// The tenant admin's invite token, handed out once: only its SHA-256 is stored. `nil` when this
    /// run did nothing because the tenant was already provisioned.
    public var inviteToken: String?
    /// The steps of this run, in order (empty when the tenant was already provisioned).
    public var steps: [ProvisioningStepReport]
    public var duration: Duration
}
