#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Random words drawn from the operating system 256 bytes at a time, for ids made per request or per
/// message (trace and span ids, job and message ids). Drawing each id on its own cost a system call
/// per id: one `getrandom` for a trace id, and an open, read and close of `/dev/urandom` for a
/// Foundation `UUID()`. The words come from the kernel's CSPRNG either way; only the calls are pooled.
public enum RandomPool {
    private static let pool = Mutex(Pool())

    public static func next() -> UInt64 {
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
