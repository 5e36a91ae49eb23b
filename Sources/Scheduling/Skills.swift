/// A skill a technician holds, at a level, possibly until an expiry day (certifications lapse).
public struct SkillCertification: Hashable, Sendable, Codable {
    public var skill: String
    public var level: Int
    /// The last day (days since 1970-01-01) the certification is valid; `nil` never expires.
    public var expiresOn: Int?

    public init(skill: String, level: Int, expiresOn: Int? = nil) {
        self.skill = skill
        self.level = level
        self.expiresOn = expiresOn
    }

    public func isValid(on day: Int) -> Bool {
        expiresOn.map { day <= $0 } ?? true
    }
}

/// A skill an intervention needs, at a minimum level.
public struct SkillRequirement: Hashable, Sendable, Codable {
    public var skill: String
    public var minimumLevel: Int

    public init(skill: String, minimumLevel: Int = 1) {
        self.skill = skill
        self.minimumLevel = minimumLevel
    }
}

/// Why a technician does not meet one requirement.
public enum SkillGap: Hashable, Sendable, Codable {
    case missing(SkillRequirement)
    case levelTooLow(SkillRequirement, held: Int)
    case expired(SkillRequirement, expiredOn: Int)
}

/// How a technician meets one requirement (an explanation line).
public struct MatchedSkill: Hashable, Sendable, Codable {
    public var skill: String
    public var requiredLevel: Int
    public var heldLevel: Int

    public init(skill: String, requiredLevel: Int, heldLevel: Int) {
        self.skill = skill
        self.requiredLevel = requiredLevel
        self.heldLevel = heldLevel
    }
}

/// Matches requirements against certifications on a day: each requirement is met by the best
/// valid certification of that skill.
struct SkillMatch {
    var matched: [MatchedSkill] = []
    var gaps: [SkillGap] = []

    init(technician: Technician, requirements: [SkillRequirement], day: Int) {
        for requirement in requirements {
            let held = technician.skills.filter { $0.skill == requirement.skill }
            let valid = held.filter { $0.isValid(on: day) }
            if let best = valid.max(by: { $0.level < $1.level }) {
                if best.level >= requirement.minimumLevel {
                    matched.append(MatchedSkill(skill: requirement.skill, requiredLevel: requirement.minimumLevel, heldLevel: best.level))
                } else {
                    gaps.append(.levelTooLow(requirement, held: best.level))
                }
            } else if let lapsed = held.compactMap(\.expiresOn).max() {
                gaps.append(.expired(requirement, expiredOn: lapsed))
            } else {
                gaps.append(.missing(requirement))
            }
        }
    }

    var isQualified: Bool { gaps.isEmpty }
}
