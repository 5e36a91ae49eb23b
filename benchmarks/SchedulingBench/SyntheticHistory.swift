import Scheduling

/// A year of finished interventions for the duration benchmark: 8 work types with templates of
/// 20–180 minutes, 4 site types, 30 technicians. Real durations differ from the template by a
/// factor per (work type, site type), per technician (0.8–1.4) and by ±25 % noise; 3 % are
/// forgotten clock-outs (2–10× too long). In chronological order.
enum SyntheticHistory {
    static func observations(count: Int, using generator: inout SeededGenerator) -> [DurationObservation] {
        let workTypes = (0..<8).map { "work-\($0)" }
        let siteTypes = ["home", "office", "hospital", "industrial"]
        let templates = Dictionary(uniqueKeysWithValues: workTypes.map { ($0, 10 * Int.random(in: 2...18, using: &generator)) })
        var groupFactor: [String: Double] = [:]
        for workType in workTypes {
            for siteType in siteTypes { groupFactor[workType + siteType] = Double.random(in: 0.9...1.6, using: &generator) }
        }
        let technicianFactor = (0..<30).map { _ in Double.random(in: 0.8...1.4, using: &generator) }
        return (0..<count).map { _ in
            let workType = workTypes.randomElement(using: &generator)!
            let siteType = siteTypes.randomElement(using: &generator)!
            let technician = Int.random(in: 0..<30, using: &generator)
            let template = templates[workType]!
            var factor = groupFactor[workType + siteType]! * technicianFactor[technician] * Double.random(in: 0.75...1.25, using: &generator)
            if Int.random(in: 0..<100, using: &generator) < 3 { factor *= Double.random(in: 2...10, using: &generator) }
            return DurationObservation(
                workType: workType, siteType: siteType, technicianID: "technician-\(technician)",
                templateMinutes: template, actualMinutes: max(1, Int((Double(template) * factor).rounded()))
            )
        }
    }
}
