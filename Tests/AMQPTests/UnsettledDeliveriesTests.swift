@testable import AMQP
import Testing

/// How the owner thread turns the single acks of one pass into frames, without a broker.
@Suite("Unsettled deliveries")
struct UnsettledDeliveriesTests {
    func delivered(_ tags: ClosedRange<UInt64>) -> UnsettledDeliveries {
        var deliveries = UnsettledDeliveries()
        for tag in tags { deliveries.delivered(tag) }
        return deliveries
    }

    @Test func acksOfTheWholeBottomRunBecomeOneMultipleAck() {
        var deliveries = delivered(1...10)
        for tag: UInt64 in [4, 1, 3, 2, 7] { deliveries.batchAcknowledgement(tag) }
        #expect(deliveries.takeAcknowledgements() == .init(upTo: 4, singles: [7]))
        #expect(!deliveries.isUnsettled(4) && !deliveries.isUnsettled(7))
        #expect(deliveries.isUnsettled(5) && deliveries.isUnsettled(6))
    }

    @Test func acksAboveTheLowestUnsettledDeliveryStaySingle() {
        var deliveries = delivered(1...5)
        for tag: UInt64 in [5, 3, 2] { deliveries.batchAcknowledgement(tag) }
        #expect(deliveries.takeAcknowledgements() == .init(upTo: nil, singles: [2, 3, 5]))
        // Acking 1 later closes the gap: the earlier acks were written, so 1 alone is acked.
        deliveries.batchAcknowledgement(1)
        #expect(deliveries.takeAcknowledgements() == .init(upTo: nil, singles: [1]))
        deliveries.batchAcknowledgement(4)
        #expect(deliveries.takeAcknowledgements() == .init(upTo: nil, singles: [4]))
        #expect(!(1...5).contains { deliveries.isUnsettled($0) })
    }

    @Test func settledDeliveriesBelowTheBatchExtendTheMultipleAck() {
        var deliveries = delivered(1...8)
        deliveries.settle(1, multiple: false)
        deliveries.settle(4, multiple: false)
        for tag: UInt64 in [2, 3, 5, 8] { deliveries.batchAcknowledgement(tag) }
        #expect(deliveries.takeAcknowledgements() == .init(upTo: 5, singles: [8]))
    }

    @Test func aMultipleSettleCoversEveryEarlierDeliveryAndATagCannotBeSettledTwice() {
        var deliveries = delivered(1...6)
        deliveries.batchAcknowledgement(2)
        deliveries.batchAcknowledgement(2)
        #expect(deliveries.takeAcknowledgements() == .init(upTo: nil, singles: [2]))
        deliveries.settle(4, multiple: true)
        #expect(!(1...4).contains { deliveries.isUnsettled($0) })
        #expect(deliveries.isUnsettled(5) && !deliveries.isUnsettled(7))
    }

    @Test func gapsInTheTagsAndALongHistoryKeepLookupsRight() {
        var deliveries = UnsettledDeliveries()
        for tag in stride(from: UInt64(1), through: 10_000, by: 2) { deliveries.delivered(tag) }
        for tag in stride(from: UInt64(1), through: 9_001, by: 2) { deliveries.batchAcknowledgement(tag) }
        #expect(deliveries.takeAcknowledgements() == .init(upTo: 9_001, singles: []))
        #expect(!deliveries.isUnsettled(9_001) && !deliveries.isUnsettled(9_004))
        #expect(deliveries.isUnsettled(9_003) && deliveries.isUnsettled(9_999))
    }
}
