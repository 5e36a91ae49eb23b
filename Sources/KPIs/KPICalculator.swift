import Foundation
import Postgres

/// Computes the KPIs of a tenant's database for a period, all sites or one.
public struct KPICalculator: Sendable {
    public init() {}

    /// `from`/`to` are validated `YYYY-MM-DD` days; `siteID` nil means every site.
    public func snapshot(from: String, to: String, siteID: UUID?, on connection: PostgresConnection) async throws -> KPISnapshot {
        let productivity = try await productivity(from: from, to: to, siteID: siteID, on: connection)
        let delays = try await delays(from: from, to: to, siteID: siteID, on: connection)
        let costs = try await costs(from: from, to: to, siteID: siteID, on: connection)
        let projects = try await projects(to: to, siteID: siteID, on: connection)
        return KPISnapshot(
            from: from, to: to, siteID: siteID?.uuidString.lowercased(), productivity: productivity, delays: delays, costs: costs,
            projects: projects, consolidated: ProjectProfitability.consolidate(projects)
        )
    }

    /// `body` starts with its own CTEs (`name AS (…)`), after the period and clocked-time ones.
    private func query(_ body: String, from: String, to: String, siteID: UUID?) -> PostgresQuery {
        PeriodQuery(from: from, to: to, siteID: siteID).query(",\n" + body)
    }

    private static let doneCTE = """
        done AS (
            SELECT i.* FROM interventions i JOIN sites s ON s.id = i.site_id
            WHERE i.status IN ('done', 'validated', 'invoiced') AND i.completed_at IS NOT NULL
              AND (i.completed_at AT TIME ZONE s.time_zone)::date BETWEEN (SELECT from_day FROM period) AND (SELECT to_day FROM period)
              AND ((SELECT site_id FROM period) IS NULL OR i.site_id = (SELECT site_id FROM period))
        ),
        site_days AS (
            SELECT * FROM clocked_days WHERE (SELECT site_id FROM period) IS NULL OR site_id = (SELECT site_id FROM period)
        )
        """

    func productivity(from: String, to: String, siteID: UUID?, on connection: PostgresConnection) async throws -> KPISnapshot.Productivity {
        let row = try await connection.query(query(Self.doneCTE + """
            SELECT (SELECT count(*) FROM done),
                   (SELECT count(*) FROM (SELECT DISTINCT technician_id, day FROM site_days WHERE worked_hours > 0) AS d),
                   (SELECT coalesce(sum(estimated_minutes), 0) FROM done),
                   (SELECT coalesce(sum(extract(epoch FROM completed_at - started_at) / 60), 0)::float8 FROM done WHERE started_at IS NOT NULL),
                   (SELECT coalesce(sum(estimated_minutes), 0) FROM done WHERE started_at IS NOT NULL),
                   (SELECT coalesce(sum(worked_hours), 0)::float8 FROM site_days)
            """, from: from, to: to, siteID: siteID)).first!
        let (done, technicianDays, planned, actual, plannedMeasured, hours) = try row.decode((Int, Int, Int, Double, Int, Double).self)
        return KPISnapshot.Productivity(
            interventionsDone: done, technicianDays: technicianDays,
            interventionsPerTechnicianDay: technicianDays > 0 ? Double(done) / Double(technicianDays) : nil,
            plannedMinutes: planned, actualMinutes: actual, durationRatio: plannedMeasured > 0 ? actual / Double(plannedMeasured) : nil,
            hoursWorked: hours
        )
    }

    func delays(from: String, to: String, siteID: UUID?, on connection: PostgresConnection) async throws -> KPISnapshot.Delays {
        let row = try await connection.query(query("""
            due AS (
                SELECT i.completed_at, coalesce(i.sla_due_at, i.window_end) AS due_at
                FROM interventions i JOIN sites s ON s.id = i.site_id
                WHERE i.status <> 'cancelled' AND coalesce(i.sla_due_at, i.window_end) IS NOT NULL
                  AND (coalesce(i.sla_due_at, i.window_end) AT TIME ZONE s.time_zone)::date
                      BETWEEN (SELECT from_day FROM period) AND (SELECT to_day FROM period)
                  AND ((SELECT site_id FROM period) IS NULL OR i.site_id = (SELECT site_id FROM period))
            ),
            due_milestones AS (
                SELECT due_on, achieved_on FROM milestones
                WHERE due_on BETWEEN (SELECT from_day FROM period) AND (SELECT to_day FROM period)
                  AND ((SELECT site_id FROM period) IS NULL OR site_id = (SELECT site_id FROM period))
            )
            SELECT (SELECT count(*) FROM due),
                   (SELECT count(*) FROM due WHERE completed_at > due_at OR (completed_at IS NULL AND due_at < now())),
                   (SELECT count(*) FROM due_milestones),
                   (SELECT count(*) FROM due_milestones WHERE achieved_on > due_on OR (achieved_on IS NULL AND due_on < current_date))
            """, from: from, to: to, siteID: siteID)).first!
        let (due, late, milestonesDue, milestonesLate) = try row.decode((Int, Int, Int, Int).self)
        return KPISnapshot.Delays(
            interventionsDue: due, interventionsLate: late, lateRate: due > 0 ? Double(late) / Double(due) : nil,
            milestonesDue: milestonesDue, milestonesLate: milestonesLate
        )
    }

    func costs(from: String, to: String, siteID: UUID?, on connection: PostgresConnection) async throws -> KPISnapshot.Costs {
        let row = try await connection.query(query(Self.doneCTE + """
            SELECT (SELECT coalesce(sum(round((d.worked_hours::numeric), 2) * t.hourly_rate), 0)::float8
                    FROM site_days d JOIN technicians t ON t.id = d.technician_id),
                   (SELECT coalesce(sum(mc.quantity * mc.unit_cost), 0)::float8
                    FROM material_consumptions mc JOIN interventions i ON i.id = mc.intervention_id JOIN sites s ON s.id = i.site_id
                    WHERE (mc.created_at AT TIME ZONE s.time_zone)::date BETWEEN (SELECT from_day FROM period) AND (SELECT to_day FROM period)
                      AND ((SELECT site_id FROM period) IS NULL OR i.site_id = (SELECT site_id FROM period))),
                   (SELECT coalesce(sum(cost), 0)::float8 FROM maintenance_logs
                    WHERE vehicle_id IS NOT NULL AND (SELECT site_id FROM period) IS NULL
                      AND performed_on BETWEEN (SELECT from_day FROM period) AND (SELECT to_day FROM period))
            """, from: from, to: to, siteID: siteID)).first!
        let (labour, materials, vehicles) = try row.decode((Double, Double, Double).self)
        return KPISnapshot.Costs(labour: labour, materials: materials, vehicles: vehicles, total: labour + materials + vehicles)
    }

    /// Cost to date (everything up to `to`) against each site's budget.
    func projects(to: String, siteID: UUID?, on connection: PostgresConnection) async throws -> [ProjectProfitability] {
        try await connection.query(query(Self.doneCTE + """
            SELECT s.id, s.code, s.name, s.status, s.budget::float8,
                   coalesce((SELECT sum(round(d.worked_hours::numeric, 2) * t.hourly_rate)
                             FROM clocked_days d JOIN technicians t ON t.id = d.technician_id WHERE d.site_id = s.id), 0)::float8,
                   coalesce((SELECT sum(mc.quantity * mc.unit_cost) FROM material_consumptions mc JOIN interventions i ON i.id = mc.intervention_id
                             WHERE i.site_id = s.id AND (mc.created_at AT TIME ZONE s.time_zone)::date <= (SELECT to_day FROM period)), 0)::float8,
                   coalesce((SELECT avg(progress) / 100 FROM site_phases p WHERE p.site_id = s.id), 0)::float8
            FROM sites s
            WHERE s.status <> 'cancelled' AND ((SELECT site_id FROM period) IS NULL OR s.id = (SELECT site_id FROM period))
            ORDER BY s.code
            """, from: "2000-01-01", to: to, siteID: siteID)).map { row in
            let (id, code, name, status, budget, labour, materials, progress) = try row.decode((UUID, String, String, String, Double, Double, Double, Double).self)
            return ProjectProfitability(
                siteID: id.uuidString.lowercased(), code: code, name: name, status: status, budget: budget,
                labourCost: labour, materialCost: materials, progress: progress
            )
        }
    }
}
