#if canImport(Glibc)
import Glibc
#endif

extension SHA256Hasher {
    /// Why part of a file could not be hashed.
    public enum FileReadFailure: Error {
        /// A read failed; `errno` says why.
        case unreadable(errno: Int32)
        /// The file ended before `count` bytes (it shrank since its size was taken).
        case endedEarly
    }

    /// Feeds `count` bytes of an open file from `offset`, or everything from `offset` to its end
    /// when `count` is nil, reading a mebibyte at a time: a large file is hashed without holding it.
    public mutating func update(file descriptor: Int32, offset: Int64 = 0, count: Int64? = nil) throws(FileReadFailure) {
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var done: Int64 = 0
        while count.map({ done < $0 }) ?? true {
            let wanted = Int(min(Int64(buffer.count), count.map { $0 - done } ?? Int64(buffer.count)))
            let got = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress!, wanted, off_t(offset + done)) }
            if got < 0 {
                if errno == EINTR { continue }
                throw .unreadable(errno: errno)
            }
            if got == 0 {
                if count == nil { return }
                throw .endedEarly
            }
            buffer.withUnsafeBytes { update(UnsafeRawBufferPointer(rebasing: $0[..<got])) }
            done += Int64(got)
        }
    }
}
