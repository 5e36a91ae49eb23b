/// One dependency `/readyz` asks about (PostgreSQL reachable, broker connected, ...).
public struct ReadinessCheck: Sendable {
    public let name: String
    public let check: @Sendable () async -> Bool

    public init(name: String, check: @escaping @Sendable () async -> Bool) {
        self.name = name
        self.check = check
    }

    /// Runs every check at once; a check that has not answered within `timeout` counts as down,
    /// so one hung dependency cannot hang the probe.
    public static func evaluate(_ checks: [ReadinessCheck], timeout: Duration) async -> [String: Bool] {
        await withTaskGroup(of: (String, Bool).self) { group in
            for check in checks {
                group.addTask {
                    await withTaskGroup(of: Bool?.self) { race in
                        race.addTask { await check.check() }
                        race.addTask {
                            try? await Task.sleep(for: timeout)
                            return nil
                        }
                        let first = await race.next() ?? nil
                        race.cancelAll()
                        return (check.name, first ?? false)
                    }
                }
            }
            var states: [String: Bool] = [:]
            for await (name, up) in group { states[name] = up }
            return states
        }
    }
}
