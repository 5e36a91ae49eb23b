#if canImport(Glibc)
import Glibc
#endif

/// Wakes a thread blocked in `poll` on sockets when other threads queue work for it: the thread
/// polls `readDescriptor` with its sockets, others call `wake()`. Both ends are non-blocking; a
/// full pipe already guarantees a wake-up, so a failed write is harmless.
public final class WakeupPipe: Sendable {
    public let readDescriptor: Int32
    private let writeDescriptor: Int32

    public init() throws(WakeupPipeError) {
        var descriptors: [Int32] = [-1, -1]
        guard pipe(&descriptors) == 0 else { throw WakeupPipeError(errno: errno) }
        for descriptor in descriptors {
            _ = fcntl(descriptor, F_SETFL, O_NONBLOCK)
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        }
        readDescriptor = descriptors[0]
        writeDescriptor = descriptors[1]
    }

    deinit {
        close(readDescriptor)
        close(writeDescriptor)
    }

    public func wake() {
        var byte: UInt8 = 1
        _ = write(writeDescriptor, &byte, 1)
    }

    /// Empties the pipe after `poll` reported it readable.
    public func drain() {
        var bytes = (UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        while withUnsafeMutableBytes(of: &bytes, { read(readDescriptor, $0.baseAddress, $0.count) }) > 0 {}
    }
}

public struct WakeupPipeError: Error, CustomStringConvertible, Sendable {
    public let errno: Int32

    public var description: String { "could not create a wake-up pipe: \(String(cString: strerror(errno)))" }
}
