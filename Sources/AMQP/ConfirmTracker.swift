/// Publisher confirms in flight on the publishing channel: which caller waits for which delivery tag.
///
/// Tags grow by one per publish, so pending entries stay sorted: a `multiple` ack settles a prefix,
/// a single ack is found by binary search. Used only on the owner thread.
struct ConfirmTracker {
    /// One publish call: answered when the last of its messages is settled, with each message's
    /// outcome (see `PublishReply`).
    final class Waiter {
        private let reply: PublishReply
        private var failures: [AMQPError?]
        private var remaining: Int

        init(_ reply: PublishReply, count: Int) {
            self.reply = reply
            failures = Array(repeating: nil, count: count)
            remaining = count
            if count == 0 { reply.finish([]) }
        }

        /// Settles the message at `index` of the call (each index once).
        func settle(_ index: Int, _ error: AMQPError?) {
            guard remaining > 0 else { return }
            failures[index] = error
            remaining -= 1
            if remaining == 0 { reply.finish(failures) }
        }
    }

    /// What identifies a mandatory message when the broker returns it (returns carry no delivery tag).
    struct ReturnKey: Equatable {
        let exchange: String
        let routingKey: String
        let body: [UInt8]
    }

    private struct Entry {
        let tag: UInt64
        let waiter: Waiter
        /// The message's position in its publish call.
        let index: Int
        let returnKey: ReturnKey?
        var returned: AMQPError?
        var settled = false
    }

    private var entries: [Entry] = []
    private var head = 0
    private var nextTag: UInt64 = 1

    var isEmpty: Bool { head == entries.count }

    /// Starts numbering again: a new channel was put in confirm mode (nothing may be pending).
    mutating func restart() {
        entries.removeAll(keepingCapacity: true)
        head = 0
        nextTag = 1
    }

    mutating func track(_ waiter: Waiter, index: Int, returnKey: ReturnKey?) {
        entries.append(Entry(tag: nextTag, waiter: waiter, index: index, returnKey: returnKey))
        nextTag += 1
    }

    mutating func acknowledge(_ tag: UInt64, multiple: Bool) {
        settle(tag, multiple: multiple, error: nil)
    }

    mutating func reject(_ tag: UInt64, multiple: Bool) {
        settle(tag, multiple: multiple, error: AMQPError(.publishNacked, "the broker refused the message (basic.nack)"))
    }

    /// A basic.return: marks the oldest unsettled mandatory message with the same exchange, routing key
    /// and body, which the broker confirms right after returning it.
    mutating func returned(_ key: ReturnKey, replyCode: UInt16, replyText: String) {
        guard let index = entries[head...].firstIndex(where: { !$0.settled && $0.returned == nil && $0.returnKey == key })
        else { return }
        entries[index].returned = AMQPError(
            .unroutable, "no queue received the message sent to exchange '\(key.exchange)' with routing key '\(key.routingKey)'",
            replyCode: replyCode, replyText: replyText
        )
    }

    /// Fails everything in flight (lost connection or closed channel).
    mutating func failAll(_ error: AMQPError) {
        for index in head..<entries.count where !entries[index].settled {
            entries[index].waiter.settle(entries[index].index, error)
        }
        entries.removeAll(keepingCapacity: true)
        head = 0
    }

    private mutating func settle(_ tag: UInt64, multiple: Bool, error: AMQPError?) {
        if multiple {
            while head < entries.count, entries[head].tag <= tag {
                finish(head, error)
                head += 1
            }
        } else if let index = index(of: tag) {
            finish(index, error)
            while head < entries.count, entries[head].settled { head += 1 }
        }
        if head == entries.count {
            entries.removeAll(keepingCapacity: true)
            head = 0
        } else if head > 4096, head * 2 > entries.count {
            entries.removeFirst(head)
            head = 0
        }
    }

    private mutating func finish(_ index: Int, _ error: AMQPError?) {
        guard !entries[index].settled else { return }
        entries[index].settled = true
        entries[index].waiter.settle(entries[index].index, entries[index].returned ?? error)
    }

    private func index(of tag: UInt64) -> Int? {
        var low = head
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].tag < tag { low = middle + 1 } else { high = middle }
        }
        return low < entries.count && entries[low].tag == tag ? low : nil
    }
}
