#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Random words for trace and span ids, drawn from the operating system 256 bytes at a time: the
/// worker makes a span per message, and drawing each id on its own cost one `getrandom` system call
/// per span (`getentropy` is that call, for at most 256 bytes).
enum TraceRandomness {
    private static let pool = Mutex(Pool())

    static func next() -> UInt64 {
        pool.withLock { $0.take() }
    }

    private struct Pool {
        /// 256 bytes: the most `getentropy` gives in one call.
        private static let size = 32
        private var words = [UInt64](repeating: 0, count: size)
        private var position = size

        mutating func take() -> UInt64 {
            if position == Self.size { refill() }
            defer { position += 1 }
            return words[position]
        }

        private mutating func refill() {
            let status = words.withUnsafeMutableBytes { getentropy($0.baseAddress, $0.count) }
            if status != 0 {
                // Not expected once the system booted; the standard generator retries on its own.
                var generator = SystemRandomNumberGenerator()
                for index in words.indices { words[index] = generator.next() }
            }
            position = 0
        }
    }
}
