/// The delivery tags one subscription handed to its consumer and the client has not settled yet.
///
/// It lets the owner thread refuse a settle the broker would punish by closing the channel (a tag
/// settled twice), and turn single acks taken in one pass into as few frames as the protocol allows:
/// one `multiple` ack for the acked run at the bottom of the window, single acks above the first gap.
/// Tags only grow on a channel, so the tags live in an array in delivery order with a moving head.
struct UnsettledDeliveries {
    private enum State {
        case unsettled
        /// Acked by the caller in this pass; the ack is not written yet.
        case batched
        /// The broker was told (ack, nack or reject written).
        case settled
    }

    /// Frames that settle the acks batched in one pass.
    struct Acknowledgements: Equatable {
        /// One `basic.ack(multiple: true)` for this tag: every delivery up to it is settled by then.
        var upTo: UInt64?
        /// `basic.ack(multiple: false)` for each of these, above the lowest delivery still unsettled.
        var singles: [UInt64]
    }

    private var tags: [UInt64] = []
    private var states: [State] = []
    /// Every entry before `head` is settled.
    private var head = 0
    private var batched: [UInt64] = []

    /// Records a tag just delivered (greater than every tag recorded before).
    mutating func delivered(_ tag: UInt64) {
        tags.append(tag)
        states.append(.unsettled)
    }

    /// Whether `tag` was delivered and neither settled nor batched since.
    func isUnsettled(_ tag: UInt64) -> Bool {
        index(of: tag).map { states[$0] == .unsettled } ?? false
    }

    /// Marks an unsettled `tag` as acked in this pass, for `takeAcknowledgements()`.
    mutating func batchAcknowledgement(_ tag: UInt64) {
        guard let index = index(of: tag), states[index] == .unsettled else { return }
        states[index] = .batched
        batched.append(tag)
    }

    /// Marks `tag` settled, and with `multiple` every delivery before it too (as the broker does).
    mutating func settle(_ tag: UInt64, multiple: Bool) {
        guard let index = index(of: tag) else { return }
        for settled in (multiple ? head : index)...index { states[settled] = .settled }
        advanceHead()
    }

    /// The frames for the acks batched since the last call, which are settled from now on.
    mutating func takeAcknowledgements() -> Acknowledgements {
        batched.sort()
        for tag in batched {
            if let index = index(of: tag) { states[index] = .settled }
        }
        advanceHead()
        let lowestUnsettled = head < tags.count ? tags[head] : UInt64.max
        let bottom = batched.partitionPoint { $0 >= lowestUnsettled }
        var acknowledgements = Acknowledgements(upTo: nil, singles: Array(batched[bottom...]))
        if bottom > 1 {
            acknowledgements.upTo = batched[bottom - 1]
        } else if bottom == 1 {
            acknowledgements.singles.insert(batched[0], at: 0)
        }
        batched.removeAll(keepingCapacity: true)
        return acknowledgements
    }

    /// Forgets every tag (a new subscription numbers its deliveries from 1 again).
    mutating func removeAll() {
        tags.removeAll()
        states.removeAll()
        head = 0
        batched.removeAll()
    }

    private func index(of tag: UInt64) -> Int? {
        let index = tags[head...].partitionPoint { $0 >= tag }
        return index < tags.count && tags[index] == tag ? index : nil
    }

    private mutating func advanceHead() {
        while head < states.count, states[head] == .settled { head += 1 }
        // Drop the settled prefix once it is most of the storage: amortised O(1) per delivery.
        if head >= 1024, head * 2 >= tags.count {
            tags.removeFirst(head)
            states.removeFirst(head)
            head = 0
        }
    }
}

fileprivate extension Collection {
    /// The index of the first element for which `isAbove` holds; the elements must be ordered so that
    /// it is false up to some point and true after it (binary search).
    func partitionPoint(where isAbove: (Element) -> Bool) -> Index {
        var low = startIndex
        var count = self.count
        while count > 0 {
            let half = count / 2
            let middle = index(low, offsetBy: half)
            if isAbove(self[middle]) {
                count = half
            } else {
                low = index(after: middle)
                count -= half + 1
            }
        }
        return low
    }
}
