import Foundation
import KPIs
import Postgres
import ReportRendering

/// The weekly and monthly summaries: the period's KPIs, charts of hours worked and interventions
/// completed per day, and each site's budget against its cost to date.
struct PeriodSummaryReport {
    let context: ReportContext
    let title: String

    func document() async throws -> ReportDocument {
        let command = context.command
        let siteID = try context.siteID()
        let kpis = try await KPICalculator().snapshot(from: command.from, to: command.to, siteID: siteID, on: context.connection)
        let daily = try await context.connection.query(try context.periodQuery().query("""
            , days AS (SELECT generate_series((SELECT from_day FROM period), (SELECT to_day FROM period), interval '1 day')::date AS day)
            SELECT days.day,
                   (SELECT coalesce(sum(worked_hours), 0)::float8 FROM clocked_days c
                    WHERE c.day = days.day AND ((SELECT site_id FROM period) IS NULL OR c.site_id = (SELECT site_id FROM period))),
                   (SELECT count(*) FROM interventions i JOIN sites s ON s.id = i.site_id
                    WHERE i.status IN ('done', 'validated', 'invoiced') AND (i.completed_at AT TIME ZONE s.time_zone)::date = days.day
                      AND ((SELECT site_id FROM period) IS NULL OR i.site_id = (SELECT site_id FROM period)))
            FROM days ORDER BY days.day
            """)).map { row in try row.decode((Date, Double, Int).self) }
        let labels = daily.map { ReportValues.civilDate($0.0).dayAndMonth }
        let productivity = kpis.productivity, delays = kpis.delays, costs = kpis.costs
        let ratio = { (value: Double?) in value.map { CellText.display(.number($0), format: .percent) } ?? "—" }
        let money = { (value: Double) in CellText.display(.number(value), format: .currency) }
        return ReportDocument(
            title: title, tenantName: context.tenantName, subtitle: context.periodText,
            sections: [
                ReportSection(title: "Indicateurs", blocks: [
                    .keyValues([
                        KeyValue("Interventions terminées", "\(productivity.interventionsDone)"),
                        KeyValue("Jours-technicien", "\(productivity.technicianDays)"),
                        KeyValue("Interventions par jour-technicien", productivity.interventionsPerTechnicianDay.map { CellText.display(.number($0), format: .decimal(places: 2)) } ?? "—"),
                        KeyValue("Durée réelle / prévue", ratio(productivity.durationRatio)),
                        KeyValue("Heures travaillées", CellText.display(.number(productivity.hoursWorked), format: .hours)),
                        KeyValue("Interventions en retard", "\(delays.interventionsLate) / \(delays.interventionsDue) (\(ratio(delays.lateRate)))"),
                        KeyValue("Jalons en retard", "\(delays.milestonesLate) / \(delays.milestonesDue)"),
                        KeyValue("Coût main-d'œuvre", money(costs.labour)), KeyValue("Coût matériaux", money(costs.materials)),
                        KeyValue("Coût véhicules", money(costs.vehicles)), KeyValue("Coût total", money(costs.total)),
                    ]),
                    .chart(ReportChart(title: "Heures travaillées par jour", kind: .bar, categories: labels,
                                       series: [ChartSeries(name: "Heures", values: daily.map(\.1))], valueFormat: .hours)),
                    .chart(ReportChart(title: "Interventions terminées par jour", kind: .line, categories: labels,
                                       series: [ChartSeries(name: "Interventions", values: daily.map { Double($0.2) })], valueFormat: .integer)),
                ]),
                ReportSection(title: "Rentabilité par chantier", blocks: [
                    .table(ReportTable(columns: [
                        ReportColumn("Chantier", weight: 2.6), ReportColumn("Statut", weight: 0.9), ReportColumn("Budget", format: .currency, totalled: true),
                        ReportColumn("Main-d'œuvre", format: .currency, totalled: true), ReportColumn("Matériaux", format: .currency, totalled: true),
                        ReportColumn("Reste", format: .currency, totalled: true), ReportColumn("Consommé", format: .percent, weight: 0.8),
                        ReportColumn("Avancement", format: .percent, weight: 0.8),
                    ], rows: .inline(kpis.projects.map { project in
                        [.text("\(project.code) — \(project.name)"), .text(project.status), .number(project.budget), .number(project.labourCost),
                         .number(project.materialCost), .number(project.remaining), project.consumedRatio.map(ReportCell.number) ?? .empty,
                         .number(project.progress)]
                    }), isPrimary: true)),
                    .chart(ReportChart(title: "Budget et coût à date", kind: .bar, categories: kpis.projects.map(\.code), series: [
                        ChartSeries(name: "Budget", values: kpis.projects.map(\.budget)),
                        ChartSeries(name: "Coût à date", values: kpis.projects.map(\.actualCost)),
                    ], valueFormat: .currency)),
                ]),
            ]
        )
    }
}
