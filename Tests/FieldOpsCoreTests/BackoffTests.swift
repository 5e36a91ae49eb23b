import FieldOpsCore
import Testing

@Suite("Backoff")
struct BackoffTests {
    @Test("ceilings double from the initial delay and stop at the maximum")
    func ceilings() {
        let backoff = Backoff(initial: .milliseconds(100), maximum: .seconds(1), multiplier: 2)
        #expect((0...5).map { backoff.ceiling(attempt: $0) } == [
            .milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800), .seconds(1), .seconds(1),
        ])
        #expect(backoff.ceiling(attempt: 10_000) == .seconds(1))
    }

    @Test("delays are jittered within zero and the ceiling")
    func jitter() {
        let backoff = Backoff(initial: .milliseconds(50), maximum: .seconds(5))
        var generator = SystemRandomNumberGenerator()
        let delays = (0..<200).map { _ in backoff.delay(attempt: 3, using: &generator) }
        #expect(delays.allSatisfy { $0 >= .zero && $0 <= .milliseconds(400) })
        #expect(Set(delays).count > 100, "full jitter spreads the delays")
    }
}
