import FieldOpsCrypto
import Foundation
import Notifications
import Testing

@Suite("Webhook signatures and retry schedule")
struct WebhookSigningTests {
    @Test("HMAC-SHA256 matches RFC 4231 test case 2")
    func knownVector() {
        let mac = HMACSHA256.authenticate(Array("what do ya want for nothing?".utf8), key: Array("Jefe".utf8))
        #expect(Hex.encode(mac) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test("a signature verifies; a changed body, another secret or an old timestamp does not")
    func verification() {
        let secret = SecureRandom.bytes(32)
        let body = Array(#"{"id":"1","type":"report.ready"}"#.utf8)
        let header = WebhookSignature.header(secret: secret, timestamp: 1_800_000_000, body: body)
        #expect(header.hasPrefix("t=1800000000,v1="))
        #expect(WebhookSignature.verify(header: header, secret: secret, body: body, now: 1_800_000_100) == .valid)
        #expect(WebhookSignature.verify(header: header, secret: secret, body: body + [32], now: 1_800_000_100) == .mismatch)
        #expect(WebhookSignature.verify(header: header, secret: SecureRandom.bytes(32), body: body, now: 1_800_000_100) == .mismatch)
        #expect(WebhookSignature.verify(header: header, secret: secret, body: body, now: 1_800_001_000) == .stale)
        #expect(WebhookSignature.verify(header: "v1=abc", secret: secret, body: body, now: 1_800_000_000) == .malformed)
    }

    @Test("delays grow from the first one up to the maximum; a delivery is given up 24 h after its first attempt")
    func schedule() throws {
        let schedule = WebhookRetrySchedule()
        #expect(schedule.delay(afterAttempt: 1) == .seconds(30))
        #expect(schedule.delay(afterAttempt: 2) == .seconds(120))
        #expect(schedule.delay(afterAttempt: 3) == .seconds(480))
        #expect(schedule.delay(afterAttempt: 10) == .seconds(6 * 3600))
        let first = Date(timeIntervalSince1970: 1_800_000_000)
        var failedAt = first
        var attempts = 1
        while let next = schedule.nextAttempt(afterAttempt: attempts, firstAttemptAt: first, failedAt: failedAt) {
            failedAt = next
            attempts += 1
        }
        #expect(failedAt.timeIntervalSince(first) <= 24 * 3600)
        #expect(failedAt.timeIntervalSince(first) > 18 * 3600)
        // 30 s, 2 min, 8 min, 32 min, 2 h 8 min, then 6 h thrice: nine attempts within the day.
        #expect(attempts == 9)
        #expect(!schedule.disables(afterConsecutiveFailures: 19))
        #expect(schedule.disables(afterConsecutiveFailures: 20))
    }
}
