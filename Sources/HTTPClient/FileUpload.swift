import CCurl
#if canImport(Glibc)
import Glibc
#endif

/// The part of a file a transfer sends, read as libcurl asks for it (its read callback).
final class FileUpload {
    private let descriptor: Int32
    private var position: Int64
    private var remaining: Int64

    init?(path: String, offset: Int64, count: Int64) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        self.descriptor = descriptor
        position = offset
        remaining = count
    }

    deinit { close(descriptor) }

    /// Fills `buffer` with the next bytes; 0 at the end. A file that ends early makes libcurl fail
    /// the transfer (it was told the size), and a read error aborts it.
    func read(into buffer: UnsafeMutablePointer<CChar>, capacity: Int) -> Int {
        let wanted = Int(min(Int64(capacity), remaining))
        guard wanted > 0 else { return 0 }
        while true {
            let got = pread(descriptor, buffer, wanted, off_t(position))
            if got < 0, errno == EINTR { continue }
            guard got >= 0 else { return Int(CURL_READFUNC_ABORT) }
            position += Int64(got)
            remaining -= Int64(got)
            return got
        }
    }
}
