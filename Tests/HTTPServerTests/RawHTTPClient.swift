import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A response as read off the socket.
struct RawResponse {
    let status: Int
    let headers: [String: String]
    let body: [UInt8]

    var text: String { String(decoding: body, as: UTF8.self) }

    func json() throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
    }
}

struct ClientError: Error, CustomStringConvertible {
    let description: String
}

/// A blocking HTTP/1.1 client over a plain socket: needed to send malformed requests, reuse one
/// connection for several requests and read event streams chunk by chunk.
final class RawHTTPClient {
    let descriptor: Int32
    private var pending: [UInt8] = []

    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw ClientError(description: "socket failed") }
        // A test must fail, not hang, when the server never answers.
        var timeout = timeval(tv_sec: 15, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(descriptor)
            throw ClientError(description: "connect to \(port) failed: errno \(errno)")
        }
    }

    deinit { close(descriptor) }

    func send(_ text: String) throws { try send(Array(text.utf8)) }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress!, $0.count, Int32(MSG_NOSIGNAL)) }
            guard written > 0 else { throw ClientError(description: "send failed: errno \(errno)") }
            offset += written
        }
    }

    /// Reads one response: headers, then a Content-Length or chunked body (or until close).
    func readResponse(headOnly: Bool = false) throws -> RawResponse {
        let head = try readUntil(Array("\r\n\r\n".utf8))
        let lines = String(decoding: head, as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else {
            throw ClientError(description: "bad status line '\(lines[0])'")
        }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        if headOnly { return RawResponse(status: status, headers: headers, body: []) }
        let body: [UInt8]
        if headers["transfer-encoding"]?.lowercased() == "chunked" {
            body = try readChunkedBody()
        } else if let length = headers["content-length"].flatMap(Int.init) {
            body = try readExactly(length)
        } else {
            body = try readToEnd()
        }
        return RawResponse(status: status, headers: headers, body: body)
    }

    /// Reads chunks until `done` says the body so far is enough (for event streams).
    func readChunkedBody(until done: ([UInt8]) -> Bool = { _ in false }) throws -> [UInt8] {
        var body: [UInt8] = []
        while true {
            let sizeLine = String(decoding: try readUntil(Array("\r\n".utf8)), as: UTF8.self)
            guard let size = Int(sizeLine.split(separator: ";")[0].trimmingCharacters(in: .whitespacesAndNewlines), radix: 16) else {
                throw ClientError(description: "bad chunk size '\(sizeLine)'")
            }
            if size == 0 {
                _ = try readUntil(Array("\r\n".utf8))
                return body
            }
            body += try readExactly(size)
            _ = try readExactly(2)
            if done(body) { return body }
        }
    }

    /// True when the server closed the connection (recv returns 0).
    func isClosedByPeer() -> Bool {
        var byte: UInt8 = 0
        return pending.isEmpty && recv(descriptor, &byte, 1, 0) == 0
    }

    private func fill() throws -> Bool {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress!, $0.count, 0) }
        if count < 0 { throw ClientError(description: "recv failed: errno \(errno)") }
        pending += buffer[..<count]
        return count > 0
    }

    private func readUntil(_ delimiter: [UInt8]) throws -> [UInt8] {
        while true {
            if let range = pending.firstRange(of: delimiter) {
                let line = Array(pending[..<range.lowerBound])
                pending.removeFirst(range.upperBound)
                return line
            }
            guard try fill() else { throw ClientError(description: "connection closed before \(delimiter)") }
        }
    }

    private func readExactly(_ count: Int) throws -> [UInt8] {
        while pending.count < count {
            guard try fill() else { throw ClientError(description: "connection closed mid-body") }
        }
        let bytes = Array(pending[..<count])
        pending.removeFirst(count)
        return bytes
    }

    private func readToEnd() throws -> [UInt8] {
        while try fill() {}
        defer { pending = [] }
        return pending
    }
}

/// Runs blocking socket code on its own thread, so the test never blocks the cooperative pool
/// that the server's handlers need.
func onThread<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Swift.Result { try work() }) }.start()
    }
}

/// One request on a fresh connection.
func fetch(_ port: Int, _ request: String, body: [UInt8] = [], headOnly: Bool = false) async throws -> RawResponse {
    try await onThread {
        let client = try RawHTTPClient(port: port)
        try client.send(Array(request.utf8) + body)
        return try client.readResponse(headOnly: headOnly)
    }
}
