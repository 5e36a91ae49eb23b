import Foundation
import KPIs
import Postgres
import ReportRendering

/// The daily site report (rapport journalier de chantier): who was on site and for how long, work
/// done and planned, materials consumed, incidents and signatures, for one site over the period.
struct DailySiteReport {
    let context: ReportContext

    func document() async throws -> ReportDocument {
        let command = context.command
        guard let siteID = try context.siteID(),
              let site = try await context.connection.query("""
                  SELECT code, name, client_name, address, status, time_zone FROM sites WHERE id = \(siteID)
                  """).first
        else { throw ReportError.notFound("site \(command.siteID ?? "")") }
        let (code, name, client, address, status, timeZone) = try site.decode((String, String, String, String, String, String).self)

        let presence = try await context.connection.query("""
            WITH period AS (SELECT \(command.from)::date AS from_day, \(command.to)::date AS to_day),
            \(unescaped: ClockedTimeSQL.clockedDays)
            SELECT c.day, t.full_name, c.first_in, c.last_out, c.break_hours, c.worked_hours
            FROM clocked_days c JOIN technicians t ON t.id = c.technician_id
            WHERE c.site_id = \(siteID)
            ORDER BY c.day, t.full_name
            """).map { row in
            let (day, technician, firstIn, lastOut, breaks, worked) = try row.decode((Date, String, Date?, Date?, Double, Double).self)
            return [ReportValues.date(day), .text(technician), ReportValues.dateTime(firstIn), ReportValues.dateTime(lastOut), .number(breaks), .number(worked)]
        }
        let done = try await interventions(siteID: siteID, completed: true)
        let planned = try await interventions(siteID: siteID, completed: false)
        let materials = try await context.connection.query("""
            SELECT m.label_fr, m.unit, sum(mc.quantity), (sum(mc.quantity * mc.unit_cost) / sum(mc.quantity))::numeric(12, 4), sum(mc.quantity * mc.unit_cost)
            FROM material_consumptions mc
            JOIN interventions i ON i.id = mc.intervention_id
            JOIN materials m ON m.reference = mc.material
            JOIN sites s ON s.id = i.site_id
            WHERE i.site_id = \(siteID)
              AND (mc.created_at AT TIME ZONE s.time_zone)::date BETWEEN \(command.from)::date AND \(command.to)::date
            GROUP BY m.label_fr, m.unit ORDER BY m.label_fr
            """).map { row in
            let (label, unit, quantity, unitCost, total) = try row.decode((String, String, Decimal, Decimal, Decimal).self)
            return [.text(label), .text(unit), ReportValues.number(quantity), ReportValues.number(unitCost), ReportValues.number(total)]
        }
        let incidents = try await context.connection.query("""
            SELECT inc.created_at AT TIME ZONE s.time_zone, inc.kind, inc.severity, inc.description, inc.resolved_at AT TIME ZONE s.time_zone
            FROM incidents inc JOIN sites s ON s.id = inc.site_id
            WHERE inc.site_id = \(siteID)
              AND (inc.created_at AT TIME ZONE s.time_zone)::date BETWEEN \(command.from)::date AND \(command.to)::date
            ORDER BY inc.created_at
            """).map { row in
            let (at, kind, severity, description, resolved) = try row.decode((Date, String, String, String, Date?).self)
            return [ReportValues.dateTime(at), .text(kind), .text(severity), .text(description), ReportValues.dateTime(resolved)]
        }
        let signatures = try await context.connection.query("""
            SELECT i.reference, sg.signer_name, sg.signer_role, sg.signed_at AT TIME ZONE s.time_zone
            FROM signatures sg JOIN interventions i ON i.id = sg.intervention_id JOIN sites s ON s.id = i.site_id
            WHERE i.site_id = \(siteID)
              AND (sg.signed_at AT TIME ZONE s.time_zone)::date BETWEEN \(command.from)::date AND \(command.to)::date
            ORDER BY sg.signed_at
            """).map { row in
            let (reference, signer, role, at) = try row.decode((String, String, String, Date).self)
            return [.text(reference), .text(signer), .text(role == "client" ? "client" : "technicien"), ReportValues.dateTime(at)]
        }

        let workedHours = presence.reduce(0) { $0 + ($1[5].numericValue ?? 0) }
        return ReportDocument(
            title: "Rapport journalier de chantier", tenantName: context.tenantName, subtitle: "\(code) — \(name) — \(context.periodText)",
            sections: [
                ReportSection(title: "Chantier", blocks: [.keyValues([
                    KeyValue("Chantier", "\(code) — \(name)"), KeyValue("Client", client), KeyValue("Adresse", address),
                    KeyValue("Période", context.periodText), KeyValue("Statut", status), KeyValue("Fuseau horaire", timeZone),
                    KeyValue("Personnes présentes", "\(Set(presence.map { $0[1] }).count)"),
                    KeyValue("Heures travaillées", CellText.display(.number(workedHours), format: .hours)),
                    KeyValue("Incidents", "\(incidents.count)"),
                ])]),
                ReportSection(title: "Présence", blocks: [.table(ReportTable(columns: [
                    ReportColumn("Jour", format: .date), ReportColumn("Technicien", weight: 2.2), ReportColumn("Arrivée", format: .dateTime, weight: 1.4),
                    ReportColumn("Départ", format: .dateTime, weight: 1.4), ReportColumn("Pauses", format: .hours, totalled: true),
                    ReportColumn("Heures", format: .hours, totalled: true),
                ], rows: .inline(presence), isPrimary: true))]),
                ReportSection(title: "Travaux réalisés", blocks: [.table(ReportTable(columns: Self.interventionColumns, rows: .inline(done)))]),
                ReportSection(title: "Travaux prévus", blocks: [.table(ReportTable(columns: Self.interventionColumns, rows: .inline(planned)))]),
                ReportSection(title: "Matériaux consommés", blocks: [.table(ReportTable(columns: [
                    ReportColumn("Matériau", weight: 2.5), ReportColumn("Unité", weight: 0.7), ReportColumn("Quantité", format: .decimal(places: 2)),
                    ReportColumn("Coût unitaire", format: .currency), ReportColumn("Coût", format: .currency, totalled: true),
                ], rows: .inline(materials)))]),
                ReportSection(title: "Incidents", blocks: [.table(ReportTable(columns: [
                    ReportColumn("Heure", format: .dateTime, weight: 1.4), ReportColumn("Type"), ReportColumn("Gravité"),
                    ReportColumn("Description", weight: 3), ReportColumn("Résolu", format: .dateTime, weight: 1.4),
                ], rows: .inline(incidents)))]),
                ReportSection(title: "Signatures", blocks: [.table(ReportTable(columns: [
                    ReportColumn("Intervention", weight: 1.5), ReportColumn("Signataire", weight: 2), ReportColumn("Qualité"),
                    ReportColumn("Signé le", format: .dateTime, weight: 1.4),
                ], rows: .inline(signatures)))]),
            ]
        )
    }

    static let interventionColumns = [
        ReportColumn("Référence", weight: 1.3), ReportColumn("Intervention", weight: 2.4), ReportColumn("Technicien", weight: 1.8),
        ReportColumn("Statut", weight: 0.9), ReportColumn("Prévu", format: .dateTime, weight: 1.7), ReportColumn("Durée", format: .hours, totalled: true),
    ]

    /// Work done in the period (completed on one of its days), or planned in it and not done yet.
    private func interventions(siteID: UUID, completed: Bool) async throws -> [[ReportCell]] {
        let command = context.command
        return try await context.connection.query("""
            SELECT i.reference, i.title, coalesce(t.full_name, ''), i.status, i.scheduled_start AT TIME ZONE s.time_zone,
                   CASE WHEN \(completed) THEN (extract(epoch FROM i.completed_at - i.started_at) / 3600)::float8
                        ELSE i.estimated_minutes / 60.0::float8 END
            FROM interventions i JOIN sites s ON s.id = i.site_id LEFT JOIN technicians t ON t.id = i.assigned_technician_id
            WHERE i.site_id = \(siteID)
              AND CASE WHEN \(completed)
                  THEN i.completed_at IS NOT NULL AND (i.completed_at AT TIME ZONE s.time_zone)::date BETWEEN \(command.from)::date AND \(command.to)::date
                  ELSE i.completed_at IS NULL AND i.status NOT IN ('cancelled', 'draft')
                       AND (i.scheduled_start AT TIME ZONE s.time_zone)::date BETWEEN \(command.from)::date AND \(command.to)::date + 1
                  END
            ORDER BY i.scheduled_start NULLS LAST, i.reference
            """).map { row in
            let (reference, title, technician, status, scheduled, hours) = try row.decode((String, String, String, String, Date?, Double?).self)
            return [.text(reference), .text(title), .text(technician), .text(status), ReportValues.dateTime(scheduled), ReportValues.number(hours)]
        }
    }
}
