import Foundation
import KPIs
import Postgres
import ReportRendering

/// Timesheets from clock-ins: per technician and day, the sites worked on, arrival, departure,
/// breaks, hours and overtime beyond the daily threshold; then hours per technician and site.
/// The daily rows stream from a cursor.
struct TimesheetReport {
    let context: ReportContext

    func document() async throws -> ReportDocument {
        let threshold = context.settings.overtimeAfterHoursPerDay
        let period = try context.periodQuery()
        let overtime = PeriodQuery.Extra(name: "overtime_after", sqlType: "float8", value: threshold)
        let siteDays = """
            , site_days AS (
                SELECT * FROM clocked_days WHERE (SELECT site_id FROM period) IS NULL OR site_id = (SELECT site_id FROM period)
            )
            """
        let days = try await context.streamedRows(cursor: "timesheet_days", query: period.query(siteDays + """
            SELECT t.full_name, d.day, string_agg(s.code, ', ' ORDER BY s.code), min(d.first_in), max(d.last_out),
                   sum(d.break_hours)::float8, sum(d.worked_hours)::float8,
                   greatest(0, sum(d.worked_hours) - (SELECT overtime_after FROM period))::float8
            FROM site_days d JOIN technicians t ON t.id = d.technician_id JOIN sites s ON s.id = d.site_id
            GROUP BY t.id, t.full_name, d.day
            ORDER BY t.full_name, t.id, d.day
            """, extra: overtime)) { row in
            let (technician, day, sites, firstIn, lastOut, breaks, worked, overtime) = try row.decode((String, Date, String, Date?, Date?, Double, Double, Double).self)
            return [.text(technician), ReportValues.date(day), .text(sites), ReportValues.dateTime(firstIn), ReportValues.dateTime(lastOut),
                    .number(breaks), .number(worked), .number(overtime)]
        }
        let perSite = try await context.connection.query(period.query(siteDays + """
            SELECT t.full_name, s.code || ' — ' || s.name, count(DISTINCT d.day), sum(d.worked_hours)::float8
            FROM site_days d JOIN technicians t ON t.id = d.technician_id JOIN sites s ON s.id = d.site_id
            GROUP BY t.full_name, s.code, s.name ORDER BY t.full_name, s.code
            """)).map { row in
            let (technician, site, dayCount, hours) = try row.decode((String, String, Int, Double).self)
            return [ReportCell.text(technician), .text(site), .number(Double(dayCount)), .number(hours)]
        }
        return ReportDocument(
            title: "Feuilles de temps", tenantName: context.tenantName, subtitle: context.periodText,
            sections: [
                ReportSection(title: "Feuilles de temps", blocks: [
                    .keyValues([
                        KeyValue("Période", context.periodText),
                        KeyValue("Heures supplémentaires", "au-delà de \(CellText.display(.number(threshold), format: .hours)) par jour"),
                    ]),
                    .table(ReportTable(columns: [
                        ReportColumn("Technicien", weight: 2), ReportColumn("Jour", format: .date), ReportColumn("Chantiers", weight: 1.4),
                        ReportColumn("Arrivée", format: .dateTime, weight: 1.4), ReportColumn("Départ", format: .dateTime, weight: 1.4),
                        ReportColumn("Pauses", format: .hours, weight: 0.8, totalled: true), ReportColumn("Heures", format: .hours, weight: 0.8, totalled: true),
                        ReportColumn("Heures sup.", format: .hours, weight: 0.8, totalled: true),
                    ], rows: days, isPrimary: true)),
                ]),
                ReportSection(title: "Par chantier", blocks: [.table(ReportTable(columns: [
                    ReportColumn("Technicien", weight: 2), ReportColumn("Chantier", weight: 3), ReportColumn("Jours", format: .integer, totalled: true),
                    ReportColumn("Heures", format: .hours, totalled: true),
                ], rows: .inline(perSite)))]),
            ]
        )
    }
}
