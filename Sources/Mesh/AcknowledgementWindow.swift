import AMQP

/// Deliveries in the order the broker sent them, so finished ones can be acknowledged together:
/// once every delivery up to a tag is finished, one `ack(multiple: true)` settles them all, instead
/// of one acknowledgement (and one trip through the client's owner thread) per message.
///
/// A slow message at the front holds back the acknowledgements behind it; past `holdLimit` finished
/// ones, they are acknowledged one by one so the broker's prefetch window keeps moving.
struct AcknowledgementWindow {
    /// What to send now: a multiple ack (settling every delivery up to it), then single acks.
    struct Plan: Equatable {
        var multiple: AMQPDeliveryTag?
        var singles: [AMQPDeliveryTag] = []
    }

    private enum Slot: Equatable {
        case running
        /// Finished and still to be acknowledged.
        case finished
        /// Already settled some other way (requeued, or acknowledged on its own).
        case settled
    }

    private var tags: [AMQPDeliveryTag] = []
    private var slots: [Slot] = []
    private var head = 0
    private var held = 0
    private let holdLimit: Int

    init(holdLimit: Int) {
        self.holdLimit = max(1, holdLimit)
    }

    mutating func received(_ tag: AMQPDeliveryTag) {
        // Tags restart at 1 on a new subscription (after a reconnect): the earlier ones can no longer
        // be settled, the broker has requeued them.
        if let last = tags.last, tag.value <= last.value {
            tags.removeAll(keepingCapacity: true)
            slots.removeAll(keepingCapacity: true)
            head = 0
            held = 0
        }
        tags.append(tag)
        slots.append(.running)
    }

    /// `needsAck` is false for a delivery the caller settled itself (a requeue).
    mutating func finished(_ tag: AMQPDeliveryTag, needsAck: Bool) -> Plan {
        guard let index = index(of: tag), slots[index] == .running else { return Plan() }
        slots[index] = needsAck ? .finished : .settled
        if needsAck { held += 1 }

        var plan = Plan()
        while head < slots.count, slots[head] != .running {
            if slots[head] == .finished {
                plan.multiple = tags[head]
                held -= 1
            }
            head += 1
        }
        if held > holdLimit {
            for position in head..<slots.count where slots[position] == .finished {
                plan.singles.append(tags[position])
                slots[position] = .settled
            }
            held = 0
        }
        compact()
        return plan
    }

    private func index(of tag: AMQPDeliveryTag) -> Int? {
        // Tags arrive in increasing order: binary search over the live part.
        var low = head
        var high = tags.count
        while low < high {
            let middle = (low + high) / 2
            if tags[middle] < tag { low = middle + 1 } else { high = middle }
        }
        return low < tags.count && tags[low] == tag ? low : nil
    }

    private mutating func compact() {
        guard head > 1024, head * 2 > tags.count else { return }
        tags.removeFirst(head)
        slots.removeFirst(head)
        head = 0
    }
}
