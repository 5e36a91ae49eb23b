import Foundation
import Notifications
import Postgres

/// Reads the interventions with an SLA that are not finished, for the late-intervention rule.
struct InterventionFactsReader: Sendable {
    func facts(on connection: PostgresConnection) async throws -> [AlertFacts.Intervention] {
        try await connection.query("""
            SELECT i.id, i.title, s.name, i.sla_due_at FROM interventions i JOIN sites s ON s.id = i.site_id
            WHERE i.sla_due_at IS NOT NULL AND i.status NOT IN ('done', 'validated', 'invoiced', 'cancelled')
            """).decode((UUID, String, String, Date).self).map {
            AlertFacts.Intervention(id: $0.0.uuidString.lowercased(), title: $0.1, siteName: $0.2, slaDueAt: $0.3)
        }
    }
}
