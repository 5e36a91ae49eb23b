/// A request body: small ones in memory, large uploads in a temporary file that the server
/// deletes once the response has been sent.
public enum RequestBody: Sendable, Equatable {
    case empty
    case bytes([UInt8])
    case file(path: String, byteCount: Int)

    public var byteCount: Int {
        switch self {
        case .empty: 0
        case .bytes(let bytes): bytes.count
        case .file(_, let byteCount): byteCount
        }
    }
}
