import Geo
import Scheduling

/// Small random days for property tests: a few technicians with skills that may have lapsed,
/// absences, interventions with tight windows and deadlines, reproducible from a seed.
enum RandomProblems {
    static let skills = ["electricity", "plumbing", "hvac", "networking"]

    static func day(seed: UInt64, interventions: Int = 30, technicians: Int = 6) -> SchedulingProblem {
        var generator = SeededGenerator(seed: seed)
        func point() -> GeoPoint {
            GeoPoint(latitude: Double.random(in: 48.80...48.92, using: &generator), longitude: Double.random(in: 2.25...2.45, using: &generator))
        }
        let crew = (0..<technicians).map { index in
            let skills = skills.shuffled(using: &generator).prefix(Int.random(in: 1...3, using: &generator)).map {
                SkillCertification(
                    skill: $0, level: Int.random(in: 1...3, using: &generator),
                    expiresOn: Bool.random(using: &generator) ? nil : 20_000 + Int.random(in: -3...30, using: &generator)
                )
            }
            let start = 420 + 30 * Int.random(in: 0...4, using: &generator)
            let lunch = 720 + 15 * Int.random(in: 0...4, using: &generator)
            return Technician(
                id: "t\(index)", skills: skills, shift: MinuteInterval(start: start, end: start + 480),
                absences: Bool.random(using: &generator) ? [MinuteInterval(start: lunch, end: lunch + 45)] : [],
                start: point(), end: point(), currentLoadMinutes: Int.random(in: 0...90, using: &generator)
            )
        }
        let work = (0..<interventions).map { index in
            let windowStart = 420 + 30 * Int.random(in: 0...14, using: &generator)
            let duration = 15 * Int.random(in: 1...10, using: &generator)
            return Intervention(
                id: "i\(index)",
                requiredSkills: skills.shuffled(using: &generator).prefix(Int.random(in: 1...2, using: &generator)).map {
                    SkillRequirement(skill: $0, minimumLevel: Int.random(in: 1...2, using: &generator))
                },
                durationMinutes: duration,
                window: MinuteInterval(start: windowStart, end: windowStart + duration + 30 * Int.random(in: 0...12, using: &generator)),
                priority: Priority.allCases.randomElement(using: &generator)!,
                deadline: Bool.random(using: &generator) ? windowStart + duration + 60 : nil,
                location: point()
            )
        }
        return SchedulingProblem(day: 20_000, technicians: crew, interventions: work, travel: TravelModel(speedKilometresPerHour: 25))
    }
}
