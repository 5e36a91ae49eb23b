import Commands
import Domain
import Foundation
import Mesh
import Planning
import Postgres
import Scheduling
import TestSupport
import Testing

@Suite("Scheduler: planning a tenant's day")
struct DaySchedulerTests {
    /// Two sites 12 km apart; a plumber near the first, a mason near the second (absent at noon).
    struct Day {
        let plumber: UUID
        let mason: UUID
        let plumbing: UUID
        let masonry: UUID
        let needsBoth: UUID
        let duringAbsence: UUID

        init(_ fixture: PlanningDayFixture) async throws {
            let north = try await fixture.site(latitude: 48.86, longitude: 2.35)
            let south = try await fixture.site(latitude: 48.75, longitude: 2.35)
            plumber = try await fixture.technician(home: (48.87, 2.35), shift: ("08:00", "17:00"), skills: ["plombier": 2])
            mason = try await fixture.technician(home: (48.74, 2.35), shift: ("08:00", "17:00"), skills: ["macon": 1])
            try await fixture.absence(mason, from: "12:00", to: "13:00")
            plumbing = try await fixture.intervention(site: north, skills: ["plombier"], minutes: 60, window: ("09:00", "12:00"))
            masonry = try await fixture.intervention(site: south, skills: ["macon"], minutes: 90, window: ("08:00", "17:00"))
            needsBoth = try await fixture.intervention(site: north, skills: ["plombier", "macon"], minutes: 30, window: ("08:00", "17:00"))
            duringAbsence = try await fixture.intervention(site: south, skills: ["macon"], minutes: 60, window: ("12:00", "13:00"))
        }
    }

    @Test("commit writes assignments that respect skills, windows, shifts, absences and overlaps")
    func commitRespectsConstraints() async throws {
        try await SchedulingTenant.run { tenant in
            let day = try await Day(tenant.fixture)
            let report = try await tenant.run(DayRequest(day: SchedulingTenant.day, mode: .commit, scope: .day, seed: 7))
            #expect(report.outcome == .committed)
            #expect(Set(report.changes.map(\.interventionID)) == [day.plumbing.uuidString.lowercased(), day.masonry.uuidString.lowercased()])

            let plumbing = try await tenant.fixture.booking(day.plumbing)
            #expect(plumbing.technician == day.plumber && plumbing.status == "assigned")
            #expect(plumbing.start! >= "09:00" && plumbing.end! <= "12:00")
            let masonry = try await tenant.fixture.booking(day.masonry)
            #expect(masonry.technician == day.mason && masonry.status == "assigned")
            #expect(masonry.end! <= "12:00" || masonry.start! >= "13:00", "booked across the absence: \(masonry)")

            for left in [day.needsBoth, day.duringAbsence] {
                let booking = try await tenant.fixture.booking(left)
                #expect(booking.technician == nil && booking.status == "planned")
            }
            let reasons = Dictionary(uniqueKeysWithValues: report.unassigned.map { ($0.interventionID, $0.reason) })
            #expect(reasons[day.needsBoth.uuidString.lowercased()] == .noQualifiedTechnician(unmet: []))
            #expect(reasons[day.duringAbsence.uuidString.lowercased()] == .outsideAvailability(qualifiedTechnicians: 1))
            #expect(report.assignments.allSatisfy { !$0.explanation.skillsMatched.isEmpty })
            #expect(try await tenant.schedulerAuditEntries() == 2)
        }
    }

    @Test("preview solves the day and writes nothing")
    func previewWritesNothing() async throws {
        try await SchedulingTenant.run { tenant in
            let day = try await Day(tenant.fixture)
            let before = try await [day.plumbing, day.masonry].asyncMap { try await tenant.fixture.booking($0) }
            let report = try await tenant.run(DayRequest(day: SchedulingTenant.day, mode: .preview, scope: .day, seed: 7))
            #expect(report.outcome == .preview)
            #expect(report.assignments.count == 2)
            #expect(try await [day.plumbing, day.masonry].asyncMap { try await tenant.fixture.booking($0) } == before)
            #expect(try await tenant.pool.query("SELECT count(*)::int8 FROM schedule_fences")[0].decode(Int.self, at: 0) == 0)
            #expect(try await tenant.schedulerAuditEntries() == 0)
        }
    }

    @Test("two schedulers race for a day: the newer lease commits, the stale holder is rejected by the fence")
    func staleHolderIsFenced() async throws {
        try await SchedulingTenant.run { tenant in
            let day = try await Day(tenant.fixture)
            let scheduler = try tenant.scheduler()
            // A wins the lock with a short lease, solves, and stalls past its lease.
            let lease = try #require(try await scheduler.lock(tenant: tenant.slug, day: SchedulingTenant.day).acquire(ttl: .milliseconds(100)))
            let stale = try scheduler.solve(try await scheduler.load(day: SchedulingTenant.day, scope: .day, on: tenant.pool), seed: 1)
            // B waits for the lock, gets it once A's lease has run out, and commits.
            let newer = try await tenant.run(DayRequest(day: SchedulingTenant.day, mode: .commit, scope: .day, seed: 2), on: scheduler)
            #expect(newer.outcome == .committed)
            #expect(try #require(newer.fencingToken) > lease.fencingToken)
            let committed = try await tenant.fixture.booking(day.masonry)

            // A wakes up and commits its older plan: the fence refuses it and nothing it planned lands.
            let staleMessage = UUID().uuidString
            await #expect(throws: StaleFencingToken.self) {
                try await scheduler.write(stale, fencingToken: lease.fencingToken, messageID: staleMessage, queue: "fieldops.scheduler", audit: SchedulingTenant.audit, on: tenant.pool)
            }
            #expect(try await tenant.fixture.booking(day.masonry) == committed)
            #expect(try await tenant.pool.query("SELECT token FROM schedule_fences")[0].decode(Int.self, at: 0) == newer.fencingToken)
            #expect(try await tenant.pool.query("SELECT 1 FROM inbox WHERE message_id = \(staleMessage)").isEmpty)
        }
    }

    @Test("replanning after an absence keeps pinned and in-progress work and moves the rest")
    func replanKeepsPinnedWork() async throws {
        try await SchedulingTenant.run { tenant in
            let fixture = tenant.fixture
            let site = try await fixture.site(latitude: 48.86, longitude: 2.35)
            let absent = try await fixture.technician(home: (48.87, 2.35), shift: ("08:00", "17:00"), skills: ["plombier": 1])
            let colleague = try await fixture.technician(home: (48.85, 2.36), shift: ("08:00", "17:00"), skills: ["plombier": 1])
            let inProgress = try await fixture.intervention(site: site, skills: ["plombier"], minutes: 60, window: ("08:00", "17:00"))
            try await fixture.book(inProgress, on: absent, from: "08:30", to: "09:30", status: "in_progress")
            let pinned = try await fixture.intervention(site: site, skills: ["plombier"], minutes: 60, window: ("08:00", "17:00"))
            try await fixture.book(pinned, on: absent, from: "10:00", to: "11:00", pinned: true)
            let movable = try await fixture.intervention(site: site, skills: ["plombier"], minutes: 60, window: ("13:30", "17:00"))
            try await fixture.book(movable, on: absent, from: "14:00", to: "15:00")
            let keptBefore = try await [inProgress, pinned].asyncMap { try await fixture.booking($0) }

            try await fixture.absence(absent, from: "13:00", to: "17:00")
            let report = try await tenant.run(try DayRequest(TechnicianAbsentEvent(technicianID: absent.uuidString, day: SchedulingTenant.day)))
            #expect(report.outcome == .committed)
            #expect(try await [inProgress, pinned].asyncMap { try await fixture.booking($0) } == keptBefore)
            let moved = try await fixture.booking(movable)
            #expect(moved.technician == colleague && moved.status == "assigned" && moved.start! >= "13:30")
            #expect(report.changes.map(\.interventionID) == [movable.uuidString.lowercased()])
            #expect(report.assignments.filter(\.pinned).map(\.interventionID).sorted() == [inProgress.uuidString.lowercased(), pinned.uuidString.lowercased()].sorted())
        }
    }

    @Test("urgent work that does not fit around the day replans the movable work around it; pinned work stays")
    func urgentWorkWidensTheReplan() async throws {
        try await SchedulingTenant.run { tenant in
            let fixture = tenant.fixture
            let site = try await fixture.site(latitude: 48.86, longitude: 2.35)
            let plumber = try await fixture.technician(home: (48.861, 2.35), shift: ("08:00", "13:00"), skills: ["plombier": 1])
            let routine = try await fixture.intervention(site: site, skills: ["plombier"], minutes: 180, window: ("08:00", "12:00"), priority: "low")
            try await fixture.book(routine, on: plumber, from: "08:30", to: "11:30")
            let pinned = try await fixture.intervention(site: site, skills: ["plombier"], minutes: 30, window: ("08:00", "13:00"))
            try await fixture.book(pinned, on: plumber, from: "12:00", to: "12:30", pinned: true)
            let pinnedBefore = try await fixture.booking(pinned)
            let urgent = try await fixture.intervention(site: site, skills: ["plombier"], minutes: 60, window: ("08:00", "11:00"), priority: "urgent")

            let report = try await tenant.run(try DayRequest(InterventionUrgentEvent(interventionID: urgent.uuidString, day: SchedulingTenant.day)))
            #expect(report.outcome == .committed)
            let placed = try await fixture.booking(urgent)
            #expect(placed.technician == plumber && placed.status == "assigned" && placed.end! <= "11:00")
            #expect(try await fixture.booking(routine).status == "planned")
            #expect(try await fixture.booking(pinned) == pinnedBefore)
            let changes = Dictionary(uniqueKeysWithValues: report.changes.map { ($0.interventionID, $0.kind) })
            #expect(changes == [urgent.uuidString.lowercased(): .assigned, routine.uuidString.lowercased(): .unassigned])
        }
    }
}

extension Array {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
