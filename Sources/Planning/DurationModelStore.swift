import Foundation
import Postgres
import Scheduling

/// A tenant's duration models (table `duration_models`): retraining appends one, planning reads the
/// newest.
public enum DurationModelStore {
    static func newest(on connection: PostgresConnection) async throws -> DurationModel? {
        let rows = try await connection.query("SELECT model FROM duration_models ORDER BY id DESC LIMIT 1")
        return try rows.first.map { try JSONDecoder().decode(DurationModel.self, from: Data(try $0.decode(PostgresJSON.self, at: 0).rawJSON)) }
    }

    /// Finished interventions of the last `lookbackDays`, oldest first (the evaluation holds out the
    /// newest): template minutes against the minutes between start and completion.
    static func history(lookbackDays: Int, on pool: PostgresPool) async throws -> [DurationObservation] {
        let rows = try await pool.query("""
            SELECT i.work_type, s.site_type, coalesce(i.assigned_technician_id::text, ''), i.estimated_minutes,
                   ceil(extract(epoch FROM i.completed_at - i.started_at) / 60)::int8
            FROM interventions i JOIN sites s ON s.id = i.site_id
            WHERE i.status IN ('done', 'validated', 'invoiced') AND i.started_at IS NOT NULL
              AND i.completed_at > i.started_at AND i.completed_at > now() - make_interval(days => \(lookbackDays)::int)
            ORDER BY i.completed_at, i.id
            """)
        return try rows.map { row in
            let (workType, siteType, technician, template, actual) = try row.decode((String, String, String, Int, Int).self)
            return DurationObservation(workType: workType, siteType: siteType, technicianID: technician, templateMinutes: template, actualMinutes: actual)
        }
    }

    static func append(_ model: DurationModel, evaluation: DurationEvaluation, observations: Int, on pool: PostgresPool) async throws -> Int {
        let json = PostgresJSON(rawJSON: Array(try JSONEncoder().encode(model)))
        let rows = try await pool.query("""
            INSERT INTO duration_models (observations, held_out, model_mae_minutes, template_mae_minutes, model)
            VALUES (\(observations), \(evaluation.count), \(evaluation.modelMeanAbsoluteError), \(evaluation.templateMeanAbsoluteError), \(json))
            RETURNING id
            """)
        return try rows[0].decode(Int.self, at: 0)
    }
}
