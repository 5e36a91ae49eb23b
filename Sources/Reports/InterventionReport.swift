import FieldOpsCrypto
import Foundation
import Postgres
import ReportRendering

/// The intervention report, the document a client signs: what was planned and done, the checklist
/// answers, the materials used and the signatures with their fingerprints.
struct InterventionReport {
    let context: ReportContext

    func document() async throws -> ReportDocument {
        let text = context.command.interventionID ?? ""
        guard let id = UUID(uuidString: text),
              let row = try await context.connection.query("""
                  SELECT i.reference, i.title, i.description, i.work_type, i.status, i.priority, s.code || ' — ' || s.name, s.client_name,
                         s.address, coalesce(t.full_name, ''), i.scheduled_start AT TIME ZONE s.time_zone,
                         i.started_at AT TIME ZONE s.time_zone, i.completed_at AT TIME ZONE s.time_zone, i.estimated_minutes,
                         (extract(epoch FROM i.completed_at - i.started_at) / 3600)::float8
                  FROM interventions i JOIN sites s ON s.id = i.site_id LEFT JOIN technicians t ON t.id = i.assigned_technician_id
                  WHERE i.id = \(id)
                  """).first
        else { throw ReportError.notFound("intervention \(text)") }
        let (reference, title, description, workType, status, priority, site, client, address, technician, scheduled, started, completed, estimated, hours) =
            try row.decode((String, String, String, String, String, String, String, String, String, String, Date?, Date?, Date?, Int, Double?).self)

        let checklist = try await context.connection.query("""
            SELECT position, label_fr, kind, required, coalesce(value #>> '{}', ''), answered_at
            FROM intervention_checklist_items WHERE intervention_id = \(id) ORDER BY position
            """).map { row in
            let (position, label, kind, required, value, answeredAt) = try row.decode((Int, String, String, Bool, String, Date?).self)
            return [ReportCell.number(Double(position)), .text(label), .text(kind), .text(required ? "oui" : "non"), .text(Self.answer(value, kind: kind)),
                    ReportValues.date(answeredAt)]
        }
        let materials = try await context.connection.query("""
            SELECT m.label_fr, m.unit, mc.quantity, mc.unit_cost, round(mc.quantity * mc.unit_cost, 2)
            FROM material_consumptions mc JOIN materials m ON m.reference = mc.material
            WHERE mc.intervention_id = \(id) ORDER BY mc.created_at
            """).map { row in
            let (label, unit, quantity, unitCost, amount) = try row.decode((String, String, Decimal, Decimal, Decimal).self)
            return [.text(label), .text(unit)] + [quantity, unitCost, amount].map(ReportValues.number)
        }
        let signatures = try await context.connection.query("""
            SELECT sg.signer_name, sg.signer_role, sg.signed_at AT TIME ZONE s.time_zone, sg.summary_sha256
            FROM signatures sg JOIN interventions i ON i.id = sg.intervention_id JOIN sites s ON s.id = i.site_id
            WHERE sg.intervention_id = \(id) ORDER BY sg.signed_at
            """).map { row in
            let (signer, role, at, digest) = try row.decode((String, String, Date, [UInt8]).self)
            return [ReportCell.text(signer), .text(role == "client" ? "client" : "technicien"), ReportValues.dateTime(at), .text(Hex.encode(digest))]
        }
        let time = { (value: Date?) in CellText.display(ReportValues.dateTime(value), format: .dateTime) }
        var blocks: [ReportBlock] = [.keyValues([
            KeyValue("Référence", reference), KeyValue("Intervention", title), KeyValue("Chantier", site), KeyValue("Client", client),
            KeyValue("Adresse", address), KeyValue("Métier", workType), KeyValue("Priorité", priority), KeyValue("Statut", status),
            KeyValue("Technicien", technician), KeyValue("Prévue le", time(scheduled)), KeyValue("Commencée le", time(started)),
            KeyValue("Terminée le", time(completed)),
            KeyValue("Durée prévue / réelle", CellText.display(.number(Double(estimated) / 60), format: .hours) + " / "
                + CellText.display(ReportValues.number(hours), format: .hours)),
        ])]
        if !description.isEmpty { blocks.append(.paragraph(description)) }
        return ReportDocument(
            title: "Rapport d'intervention", tenantName: context.tenantName, subtitle: "\(reference) — \(title)",
            sections: [
                ReportSection(title: "Intervention", blocks: blocks),
                ReportSection(title: "Points de contrôle", blocks: [.table(ReportTable(columns: [
                    ReportColumn("N°", format: .integer, weight: 0.4), ReportColumn("Point de contrôle", weight: 3), ReportColumn("Type", weight: 0.8),
                    ReportColumn("Requis", weight: 0.6), ReportColumn("Réponse", weight: 1.6), ReportColumn("Le", format: .date),
                ], rows: .inline(checklist), isPrimary: true))]),
                ReportSection(title: "Matériaux", blocks: [.table(ReportTable(columns: [
                    ReportColumn("Matériau", weight: 2.5), ReportColumn("Unité", weight: 0.6), ReportColumn("Quantité", format: .decimal(places: 2)),
                    ReportColumn("Coût unitaire", format: .currency), ReportColumn("Montant", format: .currency, totalled: true),
                ], rows: .inline(materials)))]),
                ReportSection(title: "Signatures", blocks: [.table(ReportTable(columns: [
                    ReportColumn("Signataire", weight: 1.6), ReportColumn("Qualité", weight: 0.8), ReportColumn("Signé le", format: .dateTime, weight: 1.2),
                    ReportColumn("Empreinte SHA-256 du récapitulatif", weight: 3.4),
                ], rows: .inline(signatures)))]),
            ]
        )
    }

    /// A checklist answer as a reader expects it: booleans in words, photos and signatures as present or not.
    static func answer(_ value: String, kind: String) -> String {
        switch (kind, value) {
        case (_, ""): "—"
        case ("boolean", "true"): "oui"
        case ("boolean", "false"): "non"
        case ("photo", _), ("signature", _): "fournie"
        default: value
        }
    }
}
