import Foundation
import HTTPClient
import Testing

/// Against the real RabbitMQ management API started by scripts/services.sh.
@Suite("HTTP client")
struct HTTPClientTests {
    let client = HTTPClient()
    let management = "http://127.0.0.1:\(ProcessInfo.processInfo.environment["FIELDOPS_AMQP_MANAGEMENT_PORT"] ?? "25680")"
    let user = ProcessInfo.processInfo.environment["FIELDOPS_SERVICE_USER"] ?? "fieldops"
    let password = ProcessInfo.processInfo.environment["FIELDOPS_SERVICE_PASSWORD"] ?? "fieldops-local"

    @Test("GET with basic credentials returns the status, headers and JSON body")
    func authenticatedGet() async throws {
        let response = try await client.execute(HTTPClientRequest(
            url: management + "/api/overview", credentials: .basic(user: user, password: password)
        ))
        #expect(response.status == 200)
        #expect(response.header("content-type")?.hasPrefix("application/json") == true)
        let overview = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
        #expect(overview?["management_version"] is String)
    }

    @Test("wrong credentials are an HTTP 401 response, not an error")
    func unauthorized() async throws {
        let response = try await client.execute(HTTPClientRequest(
            url: management + "/api/overview", credentials: .basic(user: user, password: "wrong")
        ))
        #expect(response.status == 401)
        #expect(!response.isSuccess)
    }

    @Test("PUT and DELETE carry a JSON body and a method")
    func putAndDelete() async throws {
        let queue = "http-client-test-\(UUID().uuidString)"
        let url = management + "/api/queues/%2F/" + queue
        let created = try await client.execute(HTTPClientRequest(
            method: "PUT", url: url, headers: [("Content-Type", "application/json")],
            body: Array(#"{"durable":false,"auto_delete":true,"arguments":{"x-max-length":7}}"#.utf8),
            credentials: .basic(user: user, password: password)
        ))
        #expect(created.status == 201)
        let shown = try await client.execute(HTTPClientRequest(url: url, credentials: .basic(user: user, password: password)))
        #expect(shown.bodyText.contains(#""x-max-length":7"#))
        let deleted = try await client.execute(HTTPClientRequest(method: "DELETE", url: url, credentials: .basic(user: user, password: password)))
        #expect(deleted.status == 204)
    }

    @Test("a closed port is a connectionFailed error")
    func connectionRefused() async {
        await #expect {
            _ = try await client.execute(HTTPClientRequest(url: "http://127.0.0.1:1/", timeout: .seconds(2)))
        } throws: { error in
            (error as? HTTPClientError)?.code == .connectionFailed
        }
    }

    @Test("a header with a line break is refused before anything is sent")
    func headerInjection() async {
        await #expect {
            _ = try await client.execute(HTTPClientRequest(url: management, headers: [("X-Test", "a\r\nInjected: yes")]))
        } throws: { error in
            (error as? HTTPClientError)?.code == .invalidRequest
        }
    }

    @Test("a server that never answers times out")
    func timeout() async throws {
        let listener = try SilentListener()
        defer { listener.close() }
        await #expect {
            _ = try await client.execute(HTTPClientRequest(url: "http://127.0.0.1:\(listener.port)/", timeout: .milliseconds(500)))
        } throws: { error in
            (error as? HTTPClientError)?.code == .timeout
        }
    }
}

/// A TCP socket that accepts connections into its backlog and never replies.
struct SilentListener {
    let descriptor: Int32
    let port: UInt16

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        guard bound == 0, listen(fd, 8) == 0 else { throw POSIXError(.EADDRNOTAVAIL) }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        descriptor = fd
        port = UInt16(bigEndian: address.sin_port)
    }

    func close() { _ = Glibc.close(descriptor) }
}
