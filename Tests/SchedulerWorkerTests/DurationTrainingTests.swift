import Commands
import Foundation
import Planning
import Postgres
import TestSupport
import Testing

@Suite("Scheduler: duration model retraining")
struct DurationTrainingTests {
    @Test("retraining fits finished work, stores the model with its held-out error, and planning uses its estimates")
    func retrainAndUse() async throws {
        try await SchedulingTenant.run { tenant in
            let site = try await tenant.fixture.site(latitude: 48.86, longitude: 2.35)
            // Plumbing templates say 60 minutes; the work really takes 84 to 96.
            for index in 0..<30 {
                try await tenant.pool.query("""
                    INSERT INTO interventions (site_id, work_type, title, estimated_minutes, status, started_at, completed_at)
                    VALUES (\(site), 'plomberie', 'Fait', 60, 'done', now() - make_interval(days => \(40 - index)::int),
                            now() - make_interval(days => \(40 - index)::int) + make_interval(mins => \(84 + index % 13)::int))
                    """)
            }
            let empty = try await DurationTraining().train(ScheduleTrainDurationsCommand(lookbackDays: 1), on: tenant.pool)
            #expect(empty.modelID == nil && empty.observations == 0)

            let result = try await DurationTraining().train(ScheduleTrainDurationsCommand(lookbackDays: 90, heldOutFraction: 0.2), on: tenant.pool)
            #expect(result.modelID != nil)
            #expect(result.observations == 30 && result.heldOut == 6)
            #expect(result.modelMeanAbsoluteErrorMinutes < result.templateMeanAbsoluteErrorMinutes)

            let waiting = try await tenant.fixture.intervention(site: site, skills: [], minutes: 60, window: ("08:00", "17:00"))
            let day = try await tenant.scheduler().load(day: SchedulingTenant.day, scope: .day, on: tenant.pool)
            let estimate = try #require(day.problem.interventions.first { $0.id == waiting.uuidString.lowercased() }).durationMinutes
            #expect((84...96).contains(estimate), "estimated \(estimate) min")
        }
    }
}
