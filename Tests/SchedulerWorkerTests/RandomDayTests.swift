import Foundation
import Planning
import Postgres
import Scheduling
import TestSupport
import Testing

@Suite("Scheduler: random days")
struct RandomDayTests {
    /// A small deterministic generator: the same seed writes the same day.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state
        }
    }

    static func clock(_ minute: Int) -> String {
        String(format: "%02d:%02d", minute / 60, minute % 60)
    }

    @Test("whatever the day, committed bookings hold every hard constraint, checked in SQL", arguments: [11, 12] as [UInt64])
    func committedBookingsHoldConstraints(seed: UInt64) async throws {
        try await SchedulingTenant.run { tenant in
            var random = Generator(state: seed)
            let fixture = tenant.fixture
            let skills = ["plombier", "macon", "couvreur"]
            var sites: [UUID] = []
            for _ in 0..<8 {
                sites.append(try await fixture.site(latitude: 48.80 + Double.random(in: 0...0.15, using: &random), longitude: 2.25 + Double.random(in: 0...0.2, using: &random)))
            }
            for _ in 0..<6 {
                let start = Int.random(in: 7...9, using: &random) * 60
                let technician = try await fixture.technician(
                    home: (48.80 + Double.random(in: 0...0.15, using: &random), 2.25 + Double.random(in: 0...0.2, using: &random)),
                    shift: (Self.clock(start), Self.clock(start + 8 * 60)),
                    skills: Dictionary(uniqueKeysWithValues: skills.shuffled(using: &random).prefix(Int.random(in: 1...2, using: &random)).map { ($0, 1) })
                )
                if Bool.random(using: &random) { try await fixture.absence(technician, from: "12:00", to: "13:00") }
            }
            for _ in 0..<40 {
                let opens = Int.random(in: 7...14, using: &random) * 60
                _ = try await fixture.intervention(
                    site: sites.randomElement(using: &random)!, skills: [skills.randomElement(using: &random)!], minutes: Int.random(in: 30...120, using: &random),
                    window: (Self.clock(opens), Self.clock(min(opens + Int.random(in: 2...6, using: &random) * 60, 20 * 60))),
                    priority: ["low", "normal", "high", "urgent"].randomElement(using: &random)!
                )
            }

            let report = try await tenant.run(DayRequest(day: SchedulingTenant.day, mode: .commit, scope: .day, seed: seed))
            #expect(report.outcome == .committed)
            #expect(report.assignments.count + report.unassigned.count == 40)
            #expect(report.assignments.count > 10)

            let violations = try await tenant.pool.query("""
                SELECT i.id::text, v.rule FROM interventions i CROSS JOIN LATERAL (VALUES
                    ('window', NOT (i.scheduled_start >= i.window_start AND i.scheduled_end <= i.window_end)),
                    ('shift', NOT EXISTS (SELECT 1 FROM shifts s WHERE s.technician_id = i.assigned_technician_id
                                          AND s.starts_at <= i.scheduled_start AND s.ends_at >= i.scheduled_end)),
                    ('absence', EXISTS (SELECT 1 FROM absences a WHERE a.technician_id = i.assigned_technician_id
                                        AND tstzrange(a.starts_at, a.ends_at) && tstzrange(i.scheduled_start, i.scheduled_end))),
                    ('skills', NOT i.required_skills <@ ARRAY(SELECT skill FROM technician_skills k WHERE k.technician_id = i.assigned_technician_id)),
                    ('overlap', EXISTS (SELECT 1 FROM interventions o WHERE o.assigned_technician_id = i.assigned_technician_id AND o.id <> i.id
                                        AND tstzrange(o.scheduled_start, o.scheduled_end) && tstzrange(i.scheduled_start, i.scheduled_end))),
                    ('duration', i.scheduled_end - i.scheduled_start <> make_interval(mins => i.estimated_minutes))
                ) AS v(rule, broken)
                WHERE i.status = 'assigned' AND v.broken
                """).decode((String, String).self)
            #expect(violations.isEmpty, "\(violations)")
            let stored = try await tenant.pool.query("SELECT count(*)::int8 FROM interventions WHERE status = 'assigned'")[0].decode(Int.self, at: 0)
            #expect(stored == report.assignments.count)

            // Travel between consecutive bookings, as stored: every booking validates as a manual move.
            let day = try await tenant.scheduler().load(day: SchedulingTenant.day, scope: .interventions([]), on: tenant.pool)
            for booking in day.bookings {
                let move = ManualMove(interventionID: booking.interventionID, technicianID: booking.technicianID, start: booking.span.start)
                #expect(move.conflicts(in: day.problem, bookings: day.bookings).isEmpty, "\(booking)")
            }
        }
    }
}
