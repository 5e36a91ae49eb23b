/// What changes between the alerts already open and the conditions that hold now: one alert per
/// condition until it clears. A condition already open raises nothing; an open alert whose rule
/// was evaluated and whose condition no longer holds clears (and may be raised again later).
public struct AlertTransitions: Sendable, Equatable {
    public let raised: [AlertCondition]
    /// Keys of the open alerts that cleared.
    public let cleared: [String]

    public init(open: Set<String>, holding: [AlertCondition], evaluatedRules: Set<AlertRule>) {
        var seen: Set<String> = []
        raised = holding.filter { !open.contains($0.key) && seen.insert($0.key).inserted }
        let holdingKeys = Set(holding.map(\.key))
        cleared = open.filter { key in
            guard let rule = AlertRule(rawValue: String(key.prefix { $0 != ":" })), evaluatedRules.contains(rule) else { return false }
            return !holdingKeys.contains(key)
        }.sorted()
    }
}
