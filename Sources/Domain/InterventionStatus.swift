import Identity

/// Where an intervention is in its life.
public enum InterventionStatus: String, Sendable, CaseIterable, Codable {
    case draft, planned, assigned
    case inProgress = "in_progress"
    case done, validated, invoiced, blocked, cancelled
}

/// The status workflow: which moves exist and who may make them.
///
///     draft → planned → assigned → in_progress → done → validated → invoiced
///     (planned | assigned | in_progress) ⇄ blocked;  anything before done → cancelled
public enum InterventionWorkflow {
    public struct Move: Sendable, Hashable {
        public let from: InterventionStatus
        public let to: InterventionStatus
    }

    private static let planners: Set<Role> = [.projectManager, .manager, .tenantAdmin]
    private static let onSite: Set<Role> = [.technician, .siteLead, .projectManager, .manager, .tenantAdmin]
    private static let validators: Set<Role> = [.siteLead, .projectManager, .manager, .tenantAdmin]
    private static let billing: Set<Role> = [.manager, .tenantAdmin]

    static let moves: [Move: Set<Role>] = {
        var moves: [Move: Set<Role>] = [
            Move(from: .draft, to: .planned): planners,
            Move(from: .planned, to: .assigned): planners.union([.siteLead]),
            Move(from: .assigned, to: .planned): planners.union([.siteLead]),
            Move(from: .assigned, to: .inProgress): onSite,
            Move(from: .inProgress, to: .done): onSite,
            Move(from: .done, to: .inProgress): validators,
            Move(from: .done, to: .validated): validators,
            Move(from: .validated, to: .invoiced): billing,
        ]
        for status in [InterventionStatus.planned, .assigned, .inProgress] {
            moves[Move(from: status, to: .blocked)] = onSite
            moves[Move(from: .blocked, to: status)] = validators
        }
        for status in [InterventionStatus.draft, .planned, .assigned, .inProgress, .blocked] {
            moves[Move(from: status, to: .cancelled)] = planners
        }
        return moves
    }()

    /// Nil when `role` may move an intervention from `from` to `to`; otherwise why not: `.notAllowed`
    /// for a move the workflow does not have, `.forbidden` for one the role may not make.
    public static func refusal(from: InterventionStatus, to: InterventionStatus, role: Role) -> DomainError? {
        guard let allowed = moves[Move(from: from, to: to)] else {
            let next = moves.keys.filter { $0.from == from }.map(\.to.rawValue).sorted()
            let options = next.isEmpty ? "" : "; from \(from.rawValue) it can go to " + next.joined(separator: ", ")
            return DomainError(.notAllowed, "an intervention cannot go from \(from.rawValue) to \(to.rawValue)" + options)
        }
        guard allowed.contains(role) else {
            return DomainError(.forbidden, "the \(role.rawValue) role cannot move an intervention from \(from.rawValue) to \(to.rawValue)")
        }
        return nil
    }
}
