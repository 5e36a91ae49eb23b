#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Postgres

/// The record of a tenant's provisioning steps in the control plane (`tenant_provisioning_steps`).
struct ProvisioningJournal: Sendable {
    let pool: PostgresPool
    let tenant: UUID

    func completedSteps() async throws -> Set<ProvisioningStep> {
        let names = try await pool.query("""
            SELECT step FROM tenant_provisioning_steps WHERE tenant_id = \(tenant) AND status = 'done'
            """).decode(String.self)
        return Set(names.compactMap(ProvisioningStep.init(rawValue:)))
    }

    /// Marks `step` running (counting the attempt), done or failed, with a short detail.
    func record(_ step: ProvisioningStep, _ status: String, detail: String? = nil) async throws {
        try await pool.query("""
            INSERT INTO tenant_provisioning_steps (tenant_id, step, status, detail) VALUES (\(tenant), \(step.rawValue), \(status), \(detail))
            ON CONFLICT (tenant_id, step) DO UPDATE SET status = EXCLUDED.status, detail = EXCLUDED.detail, at = now(),
                attempts = tenant_provisioning_steps.attempts + (CASE WHEN EXCLUDED.status = 'running' THEN 1 ELSE 0 END)
            """)
    }

    /// Every step recorded for the tenant: step, status, detail, attempts.
    func entries() async throws -> [(step: String, status: String, detail: String?, attempts: Int)] {
        try await pool.query("""
            SELECT step, status, detail, attempts FROM tenant_provisioning_steps WHERE tenant_id = \(tenant) ORDER BY at
            """).decode((String, String, String?, Int).self).map { (step: $0.0, status: $0.1, detail: $0.2, attempts: $0.3) }
    }
}
