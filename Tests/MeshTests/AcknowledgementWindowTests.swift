@testable import AMQP
@testable import Mesh
import Testing

@Suite("Acknowledgement window")
struct AcknowledgementWindowTests {
    func tags(_ values: ClosedRange<UInt64>, subscription: UInt64 = 1) -> [AMQPDeliveryTag] {
        values.map { AMQPDeliveryTag(value: $0, subscription: subscription) }
    }

    @Test("finished out of order, acknowledged together once the front is done")
    func contiguousRun() {
        var window = AcknowledgementWindow(holdLimit: 100)
        let all = tags(1...5)
        all.forEach { window.received($0) }
        #expect(window.finished(all[2], needsAck: true) == .init())
        #expect(window.finished(all[1], needsAck: true) == .init())
        #expect(window.finished(all[0], needsAck: true) == .init(multiple: all[2]))
        #expect(window.finished(all[4], needsAck: true) == .init())
        #expect(window.finished(all[3], needsAck: true) == .init(multiple: all[4]))
    }

    @Test("a requeued delivery is passed over, and never the tag of the multiple ack")
    func requeued() {
        var window = AcknowledgementWindow(holdLimit: 100)
        let all = tags(1...3)
        all.forEach { window.received($0) }
        #expect(window.finished(all[2], needsAck: false) == .init())
        #expect(window.finished(all[1], needsAck: true) == .init())
        #expect(window.finished(all[0], needsAck: true) == .init(multiple: all[1]))
    }

    @Test("past the hold limit behind a slow delivery, finished ones are acknowledged singly, once")
    func slowFront() {
        var window = AcknowledgementWindow(holdLimit: 2)
        let all = tags(1...5)
        all.forEach { window.received($0) }
        #expect(window.finished(all[1], needsAck: true) == .init())
        #expect(window.finished(all[2], needsAck: true) == .init())
        #expect(window.finished(all[3], needsAck: true) == .init(singles: [all[1], all[2], all[3]]))
        #expect(window.finished(all[0], needsAck: true) == .init(multiple: all[0]))
        #expect(window.finished(all[4], needsAck: true) == .init(multiple: all[4]))
    }

    @Test("a new subscription starts a new window; an unknown or repeated tag asks for nothing")
    func resubscribed() {
        var window = AcknowledgementWindow(holdLimit: 10)
        let before = tags(1...3)
        before.forEach { window.received($0) }
        let after = tags(1...2, subscription: 2)
        after.forEach { window.received($0) }
        #expect(window.finished(before[0], needsAck: true) == .init())
        #expect(window.finished(after[0], needsAck: true) == .init(multiple: after[0]))
        #expect(window.finished(after[0], needsAck: true) == .init())
    }
}
