import Foundation
import Geo
import Scheduling
import Testing

@Suite("Solver")
struct SolverTests {
    let quick = Solver(configuration: SolverConfiguration(maximumIterations: 300))

    @Test("no plan breaks a hard constraint, and every assignment passes manual-move validation", arguments: 0..<40)
    func hardConstraintsHold(seed: UInt64) throws {
        let problem = RandomProblems.day(seed: seed)
        let plan = try quick.solve(problem, seed: seed, timeBudget: .seconds(30))
        #expect(HardConstraints.violations(of: plan, in: problem) == [])
        for assignment in plan.assignments {
            let move = ManualMove(interventionID: assignment.interventionID, technicianID: assignment.technicianID, start: assignment.start)
            #expect(move.conflicts(in: problem, bookings: plan.bookings) == [])
        }
        #expect(!plan.assignments.isEmpty)
    }

    @Test("the reported cost is the objective of the plan's own routes")
    func costIsConsistent() throws {
        let problem = RandomProblems.day(seed: 7)
        let plan = try quick.solve(problem, seed: 7, timeBudget: .seconds(30))
        let routes = Dictionary(uniqueKeysWithValues: problem.technicians.map { technician in
            (technician.id, plan.route(of: technician.id).map(\.interventionID))
        })
        #expect(try problem.cost(ofRoutes: routes) == plan.cost)
        #expect(plan.cost.unassignedCount == plan.unassigned.count)
    }

    @Test("the same seed and iteration limit give the same plan")
    func deterministic() throws {
        let problem = RandomProblems.day(seed: 3, interventions: 60, technicians: 8)
        let first = try quick.solve(problem, seed: 42, timeBudget: .seconds(60))
        let second = try quick.solve(problem, seed: 42, timeBudget: .seconds(60))
        #expect(first == second)
    }

    @Test("the search improves on the first plan")
    func searchImproves() throws {
        let problem = RandomProblems.day(seed: 5, interventions: 60, technicians: 8)
        let construction = try Solver(configuration: SolverConfiguration(maximumIterations: 0)).solve(problem, seed: 1, timeBudget: .seconds(30))
        let searched = try Solver(configuration: SolverConfiguration(maximumIterations: 2000)).solve(problem, seed: 1, timeBudget: .seconds(60))
        #expect(searched.cost.total <= construction.cost.total)
        #expect(searched.iterations == 2000)
    }

    @Test("a day without work is answered without searching")
    func emptyDayIsNotSearched() throws {
        let problem = RandomProblems.day(seed: 9, interventions: 0, technicians: 3)
        let plan = try Solver().solve(problem, seed: 9, timeBudget: .seconds(60))
        #expect(plan.iterations == 0)
        #expect(plan.assignments.isEmpty)
    }

    @Test("replanning after an absence and an urgent call keeps the pinned work exactly", arguments: 0..<10)
    func replanningKeepsPins(seed: UInt64) throws {
        var problem = RandomProblems.day(seed: 100 + seed)
        let first = try quick.solve(problem, seed: seed, timeBudget: .seconds(30))
        // Work already started (the earliest assignment of each technician) stays where it is.
        let started = problem.technicians.compactMap { first.route(of: $0.id).first }
        problem.pinned = started.map { PinnedAssignment(interventionID: $0.interventionID, technicianID: $0.technicianID, start: $0.start) }
        // One technician without pinned work goes home sick; an urgent call comes in.
        let pinnedTechnicians = Set(started.map(\.technicianID))
        if let sick = problem.technicians.last(where: { !pinnedTechnicians.contains($0.id) }) {
            problem.technicians.removeAll { $0.id == sick.id }
        }
        problem.interventions.append(Intervention(
            id: "urgent", requiredSkills: [], durationMinutes: 30, window: MinuteInterval(start: 600, end: 900), priority: .urgent,
            location: problem.interventions[0].location
        ))
        let replanned = try quick.solve(problem, seed: seed, timeBudget: .seconds(30))
        for pin in problem.pinned {
            let kept = replanned.assignments.first { $0.interventionID == pin.interventionID }
            #expect(kept?.technicianID == pin.technicianID && kept?.start == pin.start && kept?.pinned == true)
        }
        #expect(HardConstraints.violations(of: replanned, in: problem) == [])
        #expect(replanned.assignments.contains { $0.interventionID == "urgent" })
    }

    @Test("an impossible day leaves every intervention unassigned, each with its reason")
    func impossibleDay() throws {
        let base = GeoPoint(latitude: 48.85, longitude: 2.35)
        let technicians = [
            Technician(id: "a", skills: [SkillCertification(skill: "electricity", level: 1, expiresOn: 19_999)],
                       shift: MinuteInterval(start: 480, end: 720), start: base),
            Technician(id: "b", skills: [SkillCertification(skill: "plumbing", level: 3)],
                       shift: MinuteInterval(start: 480, end: 720), absences: [MinuteInterval(start: 540, end: 600)], start: base),
        ]
        let interventions = [
            Intervention(id: "welding", requiredSkills: [SkillRequirement(skill: "welding")], durationMinutes: 60,
                         window: MinuteInterval(start: 480, end: 720), location: base),
            Intervention(id: "lapsed", requiredSkills: [SkillRequirement(skill: "electricity")], durationMinutes: 60,
                         window: MinuteInterval(start: 480, end: 720), location: base),
            Intervention(id: "evening", requiredSkills: [SkillRequirement(skill: "plumbing")], durationMinutes: 60,
                         window: MinuteInterval(start: 1080, end: 1200), location: base),
            Intervention(id: "absent", requiredSkills: [SkillRequirement(skill: "plumbing")], durationMinutes: 60,
                         window: MinuteInterval(start: 530, end: 610), location: base),
            Intervention(id: "marseille", requiredSkills: [SkillRequirement(skill: "plumbing")], durationMinutes: 30,
                         window: MinuteInterval(start: 480, end: 720), location: GeoPoint(latitude: 43.30, longitude: 5.37)),
        ]
        let problem = SchedulingProblem(day: 20_000, technicians: technicians, interventions: interventions, travel: TravelModel(speedKilometresPerHour: 50))
        let plan = try quick.solve(problem, seed: 1, timeBudget: .seconds(10))
        #expect(plan.assignments.isEmpty)
        let reasons = Dictionary(uniqueKeysWithValues: plan.unassigned.map { ($0.interventionID, $0.reason) })
        #expect(reasons["welding"] == .noQualifiedTechnician(unmet: [SkillRequirement(skill: "welding")]))
        #expect(reasons["lapsed"] == .noQualifiedTechnician(unmet: [SkillRequirement(skill: "electricity")]))
        #expect(reasons["evening"] == .outsideAvailability(qualifiedTechnicians: 1))
        #expect(reasons["absent"] == .outsideAvailability(qualifiedTechnicians: 1))
        guard case let .travelInfeasible(minutes) = reasons["marseille"] else {
            Issue.record("expected travelInfeasible, got \(String(describing: reasons["marseille"]))")
            return
        }
        #expect(minutes > 600)
        #expect(plan.cost.unassignedCount == 5)
    }

    @Test("an assignment explains its skills, travel, load and window")
    func explanations() throws {
        let base = GeoPoint(latitude: 48.85, longitude: 2.35)
        let site = GeoPoint(latitude: 48.90, longitude: 2.35)
        let problem = SchedulingProblem(
            day: 20_000,
            technicians: [Technician(id: "a", skills: [SkillCertification(skill: "hvac", level: 3)], shift: MinuteInterval(start: 480, end: 1020),
                                     start: base, currentLoadMinutes: 30)],
            interventions: [Intervention(id: "x", requiredSkills: [SkillRequirement(skill: "hvac", minimumLevel: 2)], durationMinutes: 90,
                                         window: MinuteInterval(start: 600, end: 900), deadline: 650, location: site)],
            travel: TravelModel(speedKilometresPerHour: 30, detourFactor: 1.2)
        )
        let plan = try quick.solve(problem, seed: 1, timeBudget: .seconds(10))
        let assignment = try #require(plan.assignments.first)
        let travel = problem.travel.minutes(from: base, to: site)
        #expect(assignment.start == 600 && assignment.end == 690)
        #expect(assignment.explanation.skillsMatched == [MatchedSkill(skill: "hvac", requiredLevel: 2, heldLevel: 3)])
        #expect(assignment.explanation.travelMinutes == travel && assignment.explanation.previousInterventionID == nil)
        #expect(assignment.explanation.waitMinutes == 600 - 480 - travel)
        #expect(assignment.explanation.lateMinutes == 40)
        #expect(assignment.explanation.technicianLoadMinutes == 30 + 90 + 2 * travel)
        #expect(plan.cost.latenessCost == 40 * 2 * Priority.normal.weight)
    }

    @Test("bad input is refused with a typed error, never a crash")
    func invalidInput() {
        var problem = RandomProblems.day(seed: 1, interventions: 3, technicians: 2)
        problem.interventions[1].id = problem.interventions[0].id
        #expect(throws: SchedulingInputError.duplicateIntervention("i0")) { try quick.solve(problem, seed: 1, timeBudget: .seconds(1)) }

        problem = RandomProblems.day(seed: 1, interventions: 3, technicians: 2)
        problem.interventions[2].durationMinutes = 0
        #expect(throws: SchedulingInputError.invalidDuration(interventionID: "i2")) { try quick.solve(problem, seed: 1, timeBudget: .seconds(1)) }

        problem = RandomProblems.day(seed: 1, interventions: 3, technicians: 2)
        problem.pinned = [PinnedAssignment(interventionID: "i0", technicianID: "nobody")]
        #expect(throws: SchedulingInputError.unknownPinnedTechnician("nobody")) { try quick.solve(problem, seed: 1, timeBudget: .seconds(1)) }

        problem = RandomProblems.day(seed: 1, interventions: 3, technicians: 2)
        problem.pinned = [
            PinnedAssignment(interventionID: "i0", technicianID: "t0", start: 600),
            PinnedAssignment(interventionID: "i1", technicianID: "t0", start: 601),
        ]
        #expect(throws: SchedulingInputError.infeasiblePinnedWork(technicianID: "t0")) { try quick.solve(problem, seed: 1, timeBudget: .seconds(1)) }

        problem = RandomProblems.day(seed: 1, interventions: 3, technicians: 2)
        problem.travel = TravelModel(speedKilometresPerHour: .nan)
        #expect(throws: SchedulingInputError.invalidTravelModel) { try quick.solve(problem, seed: 1, timeBudget: .seconds(1)) }
    }

    @Test("an empty day is a valid, empty plan")
    func emptyDay() throws {
        let plan = try quick.solve(SchedulingProblem(day: 0, technicians: [], interventions: [], travel: TravelModel(speedKilometresPerHour: 30)),
                                   seed: 1, timeBudget: .seconds(1))
        #expect(plan.assignments.isEmpty && plan.unassigned.isEmpty && plan.cost.total == 0)
    }
}

@Suite("Solver on larger days")
struct LargerDayTests {
    @Test("a 150 × 15 day with pinned work keeps every constraint and survives a JSON round trip", arguments: [UInt64(1), 2])
    func largerDay(seed: UInt64) throws {
        var problem = RandomProblems.day(seed: seed, interventions: 150, technicians: 15)
        let solver = Solver(configuration: SolverConfiguration(maximumIterations: 500))
        let first = try solver.solve(problem, seed: seed, timeBudget: .seconds(60))
        problem.pinned = first.assignments.enumerated().filter { $0.offset.isMultiple(of: 7) }.map { _, assignment in
            PinnedAssignment(interventionID: assignment.interventionID, technicianID: assignment.technicianID,
                             start: assignment.interventionID.hasSuffix("3") ? nil : assignment.start)
        }
        let plan = try solver.solve(problem, seed: seed + 1, timeBudget: .seconds(60))
        #expect(HardConstraints.violations(of: plan, in: problem) == [])
        #expect(plan.assignments.filter(\.pinned).count == problem.pinned.count)
        let decoded = try JSONDecoder().decode(SchedulingPlan.self, from: JSONEncoder().encode(plan))
        #expect(decoded == plan)
    }
}
