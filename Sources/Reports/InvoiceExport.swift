import Foundation
import KPIs
import Postgres
import ReportRendering

/// The invoice-ready export: billable labour (hours on site × the technician's hourly rate) and
/// materials (quantity × unit cost) per client and site over the period, totals before tax, VAT and
/// totals with tax. Amounts are rounded to the cent per line, and the totals add the lines up.
/// The lines stream from a cursor.
struct InvoiceExport {
    let context: ReportContext

    func document() async throws -> ReportDocument {
        let vatRate = context.settings.vatRate
        let period = try context.periodQuery()
        let vatParameter = PeriodQuery.Extra(name: "vat_rate", sqlType: "numeric", value: vatRate)
        let linesCTE = """
            , lines AS (
                SELECT d.day, s.client_name, s.code AS site, 1 AS kind_order, 'Main-d''œuvre' AS kind, t.full_name AS item,
                       round(d.worked_hours::numeric, 2) AS quantity, 'h' AS unit, t.hourly_rate AS unit_price,
                       round(round(d.worked_hours::numeric, 2) * t.hourly_rate, 2) AS amount
                FROM clocked_days d JOIN technicians t ON t.id = d.technician_id JOIN sites s ON s.id = d.site_id
                WHERE d.worked_hours > 0 AND ((SELECT site_id FROM period) IS NULL OR d.site_id = (SELECT site_id FROM period))
                UNION ALL
                SELECT (mc.created_at AT TIME ZONE s.time_zone)::date, s.client_name, s.code, 2, 'Matériau',
                       m.label_fr || ' (' || i.reference || ')', mc.quantity, m.unit, mc.unit_cost, round(mc.quantity * mc.unit_cost, 2)
                FROM material_consumptions mc JOIN interventions i ON i.id = mc.intervention_id
                JOIN sites s ON s.id = i.site_id JOIN materials m ON m.reference = mc.material
                WHERE (mc.created_at AT TIME ZONE s.time_zone)::date BETWEEN (SELECT from_day FROM period) AND (SELECT to_day FROM period)
                  AND ((SELECT site_id FROM period) IS NULL OR i.site_id = (SELECT site_id FROM period))
            )
            """
        let lines = try await context.streamedRows(cursor: "invoice_lines", query: period.query(linesCTE + """
            SELECT day, client_name, site, kind, item, quantity, unit, unit_price, amount
            FROM lines ORDER BY client_name, site, day, kind_order, item
            """, extra: vatParameter)) { row in
            let (day, client, site, kind, item, quantity, unit, unitPrice, amount) = try row.decode(
                (Date, String, String, String, String, Decimal, String, Decimal, Decimal).self
            )
            return [ReportValues.date(day), .text(client), .text(site), .text(kind), .text(item), ReportValues.number(quantity),
                    .text(unit), ReportValues.number(unitPrice), ReportValues.number(amount)]
        }
        let perSite = try await context.connection.query(period.query(linesCTE + """
            , per_site AS (
                SELECT client_name, site, sum(amount) FILTER (WHERE kind_order = 1) AS labour,
                       sum(amount) FILTER (WHERE kind_order = 2) AS materials, sum(amount) AS net
                FROM lines GROUP BY client_name, site
            )
            SELECT client_name, site, coalesce(labour, 0), coalesce(materials, 0), net,
                   round(net * (SELECT vat_rate FROM period), 2), net + round(net * (SELECT vat_rate FROM period), 2)
            FROM per_site ORDER BY client_name, site
            """, extra: vatParameter)).map { row in
            let (client, site, labour, materials, net, vat, gross) = try row.decode((String, String, Decimal, Decimal, Decimal, Decimal, Decimal).self)
            return (client, site, labour, materials, net, vat, gross)
        }
        let net = perSite.reduce(Decimal(0)) { $0 + $1.4 }
        let vat = perSite.reduce(Decimal(0)) { $0 + $1.5 }
        let money = { (value: Decimal) in CellText.display(ReportValues.number(value), format: .currency) }
        let vatPercent = CellText.display(.number(ReportValues.double(vatRate)), format: .percent)
        return ReportDocument(
            title: "Export facturable", tenantName: context.tenantName, subtitle: context.periodText,
            sections: [
                ReportSection(title: "Synthèse", blocks: [
                    .keyValues([
                        KeyValue("Période", context.periodText), KeyValue("Total HT", money(net)),
                        KeyValue("TVA \(vatPercent)", money(vat)), KeyValue("Total TTC", money(net + vat)),
                    ]),
                    .table(ReportTable(columns: [
                        ReportColumn("Client", weight: 2), ReportColumn("Chantier", weight: 1.2), ReportColumn("Main-d'œuvre", format: .currency, totalled: true),
                        ReportColumn("Matériaux", format: .currency, totalled: true), ReportColumn("Total HT", format: .currency, totalled: true),
                        ReportColumn("TVA", format: .currency, totalled: true), ReportColumn("Total TTC", format: .currency, totalled: true),
                    ], rows: .inline(perSite.map { site in
                        [.text(site.0), .text(site.1)] + [site.2, site.3, site.4, site.5, site.6].map(ReportValues.number)
                    }))),
                ]),
                ReportSection(title: "Lignes", blocks: [.table(ReportTable(columns: [
                    ReportColumn("Date", format: .date), ReportColumn("Client", weight: 1.6), ReportColumn("Chantier"),
                    ReportColumn("Nature", weight: 1.1), ReportColumn("Désignation", weight: 2.4), ReportColumn("Quantité", format: .decimal(places: 2)),
                    ReportColumn("Unité", weight: 0.6), ReportColumn("Prix unitaire", format: .currency),
                    ReportColumn("Montant HT", format: .currency, weight: 1.2, totalled: true),
                ], rows: lines, isPrimary: true))]),
            ]
        )
    }
}
