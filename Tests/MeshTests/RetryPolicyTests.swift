import FieldOpsCore
import Mesh
import Testing

@Suite("Retry policy")
struct RetryPolicyTests {
    let policy = RetryPolicy(maxAttempts: 5, backoff: Backoff(initial: .seconds(1), maximum: .seconds(3600), multiplier: 4))

    func tier(after attempt: Int) -> RetryTier? {
        if case .retry(let tier, _, _) = policy.decision(afterFailedAttempt: attempt, failure: .transient("db down")) { return tier }
        return nil
    }

    @Test("transient failures climb the delay tiers exponentially")
    func climbs() {
        #expect((1...4).map { tier(after: $0)?.name } == ["1s", "10s", "1m", "10m"], "ceilings 1 s, 4 s, 16 s, 64 s")
    }

    @Test("the expiration is jittered within half and all of the tier's delay")
    func jitter() {
        var expirations: Set<Duration> = []
        for _ in 0..<100 {
            guard case .retry(let tier, let expiration, let next) = policy.decision(afterFailedAttempt: 2, failure: .transient("x")) else {
                Issue.record("expected a retry")
                return
            }
            #expect(next == 3)
            #expect(expiration >= tier.delay * 0.5 && expiration <= tier.delay)
            expirations.insert(expiration)
        }
        #expect(expirations.count > 50)
    }

    @Test("the last attempt parks with the reason and the count")
    func exhausted() {
        #expect(policy.decision(afterFailedAttempt: 5, failure: .transient("db down")) == .park(reason: "gave up after 5 attempts: db down"))
    }

    @Test("a permanent failure parks at once")
    func permanent() {
        #expect(policy.decision(afterFailedAttempt: 1, failure: .permanent("invalid payload: lat out of range")) == .park(reason: "invalid payload: lat out of range"))
    }

    @Test("past the longest tier, retries stay on it")
    func capped() {
        let long = RetryPolicy(maxAttempts: 50)
        guard case .retry(let tier, _, _) = long.decision(afterFailedAttempt: 40, failure: .transient("x")) else {
            Issue.record("expected a retry")
            return
        }
        #expect(tier.name == "1h")
    }
}
