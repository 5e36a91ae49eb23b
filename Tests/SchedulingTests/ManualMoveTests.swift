import Geo
import Scheduling
import Testing

@Suite("ManualMove")
struct ManualMoveTests {
    let home = GeoPoint(latitude: 48.85, longitude: 2.35)
    let near = GeoPoint(latitude: 48.86, longitude: 2.35)
    let far = GeoPoint(latitude: 48.95, longitude: 2.35)

    var problem: SchedulingProblem {
        SchedulingProblem(
            day: 20_000,
            technicians: [Technician(
                id: "a", skills: [SkillCertification(skill: "electricity", level: 2)], shift: MinuteInterval(start: 480, end: 1020),
                absences: [MinuteInterval(start: 720, end: 780)], start: home
            )],
            interventions: [
                Intervention(id: "planned", requiredSkills: [], durationMinutes: 60, window: MinuteInterval(start: 480, end: 1020), location: near),
                Intervention(id: "moved", requiredSkills: [SkillRequirement(skill: "electricity", minimumLevel: 3), SkillRequirement(skill: "gas")],
                             durationMinutes: 60, window: MinuteInterval(start: 600, end: 900), location: far),
                Intervention(id: "easy", requiredSkills: [SkillRequirement(skill: "electricity")], durationMinutes: 30,
                             window: MinuteInterval(start: 480, end: 1020), location: near),
            ],
            travel: TravelModel(speedKilometresPerHour: 30)
        )
    }

    let bookings = [Booking(interventionID: "planned", technicianID: "a", span: MinuteInterval(start: 600, end: 660))]

    @Test("a valid move has no conflicts")
    func valid() {
        let move = ManualMove(interventionID: "easy", technicianID: "a", start: 680)
        #expect(move.conflicts(in: problem, bookings: bookings) == [])
    }

    @Test("skills, window, overlap and travel are each spelled out")
    func everyConflict() {
        let conflicts = ManualMove(interventionID: "moved", technicianID: "a", start: 630).conflicts(in: problem, bookings: bookings)
        #expect(conflicts.contains(.skill(.levelTooLow(SkillRequirement(skill: "electricity", minimumLevel: 3), held: 2))))
        #expect(conflicts.contains(.skill(.missing(SkillRequirement(skill: "gas")))))
        #expect(conflicts.contains(.overlap(interventionID: "planned", MinuteInterval(start: 600, end: 660))))
        #expect(conflicts.count == 3)

        // Ending exactly when the next intervention starts, at the same site, is fine.
        #expect(ManualMove(interventionID: "easy", technicianID: "a", start: 570).conflicts(in: problem, bookings: bookings) == [])

        let tooClose = ManualMove(interventionID: "moved", technicianID: "a", start: 662).conflicts(in: problem, bookings: bookings)
        let travel = problem.travel.minutes(from: near, to: far)
        #expect(tooClose.contains(.travelFromPrevious(interventionID: "planned", neededMinutes: travel, availableMinutes: 2)))
    }

    @Test("shift, absence, window, pins and unknown ids")
    func availability() {
        var pinned = problem
        pinned.pinned = [PinnedAssignment(interventionID: "easy", technicianID: "b")]
        let lunch = ManualMove(interventionID: "easy", technicianID: "a", start: 750).conflicts(in: pinned, bookings: bookings)
        #expect(lunch.contains(.duringAbsence(MinuteInterval(start: 720, end: 780))))
        #expect(lunch.contains(.pinnedToAnotherTechnician(technicianID: "b")))

        let late = ManualMove(interventionID: "easy", technicianID: "a", start: 1000).conflicts(in: problem, bookings: bookings)
        #expect(late.contains(.outsideShift(shift: MinuteInterval(start: 480, end: 1020))))
        #expect(late.contains(.outsideWindow(window: MinuteInterval(start: 480, end: 1020))))
        #expect(late.contains { if case .travelToNext(nil, _, _) = $0 { true } else { false } })

        #expect(ManualMove(interventionID: "nope", technicianID: "a", start: 600).conflicts(in: problem, bookings: bookings) == [.unknownIntervention("nope")])
        #expect(ManualMove(interventionID: "easy", technicianID: "z", start: 600).conflicts(in: problem, bookings: bookings) == [.unknownTechnician("z")])
    }
}
