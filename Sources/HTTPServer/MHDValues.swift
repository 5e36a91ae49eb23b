import CMicroHTTPD
import CShims

/// Reads what MHD parsed for a connection: header fields and query arguments.
enum MHDValues {
    private final class Collector {
        var pairs: [(String, String)] = []
    }

    static func headers(of connection: OpaquePointer) -> HTTPHeaders {
        var headers = HTTPHeaders()
        for (name, value) in collect(.HEADER_KIND, of: connection) { headers.add(name, value) }
        return headers
    }

    /// Query arguments, already percent-decoded by MHD; `?flag` gives an empty value.
    static func query(of connection: OpaquePointer) -> [HTTPRequest.QueryItem] {
        collect(.GET_ARGUMENT_KIND, of: connection).map { HTTPRequest.QueryItem(name: $0.0, value: $0.1) }
    }

    private static func collect(_ kind: MHD_ValueKind, of connection: OpaquePointer) -> [(String, String)] {
        let collector = Collector()
        // The iterator runs synchronously inside this call, so an unretained pointer is enough.
        _ = MHD_get_connection_values(connection, kind, { cls, _, key, value in
            guard let cls, let key else { return .YES }
            let collector = Unmanaged<Collector>.fromOpaque(cls).takeUnretainedValue()
            collector.pairs.append((String(cString: key), value.map { String(cString: $0) } ?? ""))
            return .YES
        }, Unmanaged.passUnretained(collector).toOpaque())
        return collector.pairs
    }
}
