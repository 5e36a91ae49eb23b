import Geo
import Scheduling

/// Random benchmark inputs, reproducible from a seed.
enum RandomInstances {
    /// A size × size matrix of whole-number costs in [0, 1_000_000): sums stay exact in doubles, so
    /// the optimal costs of two solvers can be compared for equality.
    static func costMatrix(size: Int, using generator: inout SeededGenerator) -> [Double] {
        (0..<(size * size)).map { _ in Double(Int.random(in: 0..<1_000_000, using: &generator)) }
    }

    static let skills = ["electricity", "plumbing", "hvac", "networking", "masonry", "welding"]

    /// A working day around Lyon (about 40 × 33 km): technicians with 2–3 skills at levels 1–3 and
    /// 7:00–16:00 or 8:00–17:00 shifts, returning home; interventions of 30–120 minutes needing one
    /// or two skills, in a full-day, morning or afternoon window, some with an SLA deadline.
    static func day(interventions: Int, technicians: Int, using generator: inout SeededGenerator) -> SchedulingProblem {
        func point() -> GeoPoint {
            GeoPoint(latitude: Double.random(in: 45.6...45.9, using: &generator), longitude: Double.random(in: 4.6...5.1, using: &generator))
        }
        let crew = (0..<technicians).map { index in
            let skills = skills.shuffled(using: &generator).prefix(Int.random(in: 2...3, using: &generator)).map {
                SkillCertification(skill: $0, level: Int.random(in: 1...3, using: &generator))
            }
            let early = Int.random(in: 0..<10, using: &generator) < 3
            return Technician(
                id: "technician-\(index)", skills: skills,
                shift: early ? MinuteInterval(start: 420, end: 960) : MinuteInterval(start: 480, end: 1020),
                start: point(), currentLoadMinutes: Int.random(in: 0...60, using: &generator)
            )
        }
        let work = (0..<interventions).map { index in
            let count = Int.random(in: 0..<10, using: &generator) < 8 ? 1 : 2
            let required = skills.shuffled(using: &generator).prefix(count).map {
                SkillRequirement(skill: $0, minimumLevel: Int.random(in: 1...2, using: &generator))
            }
            let duration = 15 * Int.random(in: 2...8, using: &generator)
            let window = switch Int.random(in: 0..<4, using: &generator) {
            case 0: MinuteInterval(start: 480, end: 720)
            case 1: MinuteInterval(start: 780, end: 1020)
            default: MinuteInterval(start: 480, end: 1020)
            }
            let deadline = Int.random(in: 0..<10, using: &generator) < 3
                ? window.start + duration + Int.random(in: 60...240, using: &generator) : nil
            let priority: Priority = switch Int.random(in: 0..<10, using: &generator) {
            case 0..<2: .low
            case 2..<7: .normal
            case 7..<9: .high
            default: .urgent
            }
            return Intervention(
                id: "intervention-\(index)", requiredSkills: required, durationMinutes: duration, window: window,
                priority: priority, deadline: deadline, location: point()
            )
        }
        return SchedulingProblem(
            day: 20_800, technicians: crew, interventions: work,
            travel: TravelModel(speedKilometresPerHour: 35, detourFactor: 1.3)
        )
    }
}
