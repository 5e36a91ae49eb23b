import Foundation
import KPIs
import Notifications
import Postgres

/// Reads, from the tenant's own database, the facts of every strategic alert rule the data can
/// answer: late interventions, budgets overrun, low stock, maintenance due and certifications
/// expiring. (Vehicles moving outside working hours needs the teams' hours, which the schema does
/// not hold yet: those facts come with `notify.alerts.evaluate`.)
struct TenantFactsReader: Sendable {
    /// Fills each kind the snapshot does not carry already.
    func complete(_ snapshot: AlertFacts, now: Date, on connection: PostgresConnection) async throws -> AlertFacts {
        var facts = snapshot
        if facts.interventions == nil { facts.interventions = try await interventions(on: connection) }
        if facts.budgets == nil { facts.budgets = try await budgets(now: now, on: connection) }
        if facts.stock == nil { facts.stock = try await stock(on: connection) }
        if facts.maintenance == nil { facts.maintenance = try await maintenance(on: connection) }
        if facts.certifications == nil { facts.certifications = try await certifications(on: connection) }
        return facts
    }

    /// Interventions with an SLA that are not finished.
    func interventions(on connection: PostgresConnection) async throws -> [AlertFacts.Intervention] {
        try await connection.query("""
            SELECT i.id, i.title, s.name, i.sla_due_at FROM interventions i JOIN sites s ON s.id = i.site_id
            WHERE i.sla_due_at IS NOT NULL AND i.status NOT IN ('done', 'validated', 'invoiced', 'cancelled')
            """).decode((UUID, String, String, Date).self).map {
            AlertFacts.Intervention(id: $0.0.uuidString.lowercased(), title: $0.1, siteName: $0.2, slaDueAt: $0.3)
        }
    }

    /// Each open project's budget against what it has cost so far (labour and materials, as the KPIs count them).
    func budgets(now: Date, on connection: PostgresConnection) async throws -> [AlertFacts.Budget] {
        let today = String(ISO8601DateFormatter().string(from: now).prefix(10))
        let snapshot = try await KPICalculator().snapshot(from: "2000-01-01", to: today, siteID: nil, on: connection)
        return snapshot.projects.filter { $0.budget > 0 && !["completed", "cancelled"].contains($0.status) }.map {
            AlertFacts.Budget(siteID: $0.siteID, siteName: $0.name, budget: $0.budget, spent: $0.actualCost)
        }
    }

    /// Stock below its material's threshold, per depot or site.
    func stock(on connection: PostgresConnection) async throws -> [AlertFacts.Stock] {
        try await connection.query("""
            SELECT m.label_fr, coalesce(d.name, s.name), l.quantity::float8, m.low_stock_threshold::float8
            FROM stock_levels l JOIN materials m ON m.reference = l.material
            LEFT JOIN depots d ON d.id = l.depot_id LEFT JOIN sites s ON s.id = l.site_id
            WHERE m.low_stock_threshold > 0
            """).decode((String, String, Double, Double).self).map {
            AlertFacts.Stock(material: $0.0, location: $0.1, quantity: $0.2, minimum: $0.3)
        }
    }

    /// Equipment and vehicles with a next maintenance date.
    func maintenance(on connection: PostgresConnection) async throws -> [AlertFacts.Maintenance] {
        try await connection.query("""
            SELECT id, name, next_maintenance_on::timestamptz FROM equipment WHERE next_maintenance_on IS NOT NULL AND status <> 'retired'
            UNION ALL
            SELECT id, label || ' (' || plate || ')', next_maintenance_on::timestamptz FROM vehicles
            WHERE next_maintenance_on IS NOT NULL AND status <> 'retired'
            """).decode((UUID, String, Date).self).map {
            AlertFacts.Maintenance(assetID: $0.0.uuidString.lowercased(), assetName: $0.1, dueOn: $0.2)
        }
    }

    /// Active technicians' certifications that have an end date.
    func certifications(on connection: PostgresConnection) async throws -> [AlertFacts.Certification] {
        try await connection.query("""
            SELECT t.id, t.full_name, coalesce(k.label_fr, c.skill), c.certified_until::timestamptz
            FROM technician_skills c JOIN technicians t ON t.id = c.technician_id LEFT JOIN skills k ON k.code = c.skill
            WHERE c.certified_until IS NOT NULL AND t.status = 'active'
            """).decode((UUID, String, String, Date).self).map {
            AlertFacts.Certification(personID: $0.0.uuidString.lowercased(), personName: $0.1, name: $0.2, expiresOn: $0.3)
        }
    }
}
