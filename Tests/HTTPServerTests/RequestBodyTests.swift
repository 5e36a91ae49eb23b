import Foundation
import HTTPServer
import Testing

@Suite("Request bodies")
struct RequestBodyTests {
    private static let limits = HTTPServerConfiguration(maxBodyBytes: 100_000, inMemoryBodyLimit: 16_384)

    private static func echoServer() throws -> TestServer {
        try TestServer.start(configuration: limits) { router in
            router.post("/upload") { request in
                let bytes = try request.bodyBytes()
                let storage: String
                switch request.body {
                case .empty: storage = "empty"
                case .bytes: storage = "memory"
                case .file(let path, let count):
                    storage = "file:\(count):\(FileManager.default.fileExists(atPath: path)):\(path)"
                }
                return .text("\(storage)|\(bytes.count)|\(fnv1a(bytes))")
            }
        }
    }

    @Test func tooLargeContentLengthIsRefusedWith413UpFront() async throws {
        let test = try Self.echoServer()
        defer { Task { await test.stop() } }

        let response = try await fetch(test.port, "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 100001\r\n\r\n")
        #expect(response.status == 413)
        #expect(response.headers["content-type"] == "application/problem+json")
        #expect(try response.json()["status"] as? Int == 413)
    }

    @Test func tooLargeChunkedBodyIs413() async throws {
        let test = try Self.echoServer()
        defer { Task { await test.stop() } }

        var body: [UInt8] = []
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 10_000)
        for _ in 0..<11 { body += Array("2710\r\n".utf8) + chunk + Array("\r\n".utf8) }
        body += Array("0\r\n\r\n".utf8)
        let response = try await fetch(test.port, "POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n", body: body)
        #expect(response.status == 413)
        #expect(try response.json()["detail"] as? String == "The request body exceeds 100000 bytes.")
    }

    @Test func smallBodyStaysInMemoryAndChunkedWithinLimitIsAccepted() async throws {
        let test = try Self.echoServer()
        defer { Task { await test.stop() } }

        let body = Array("hello".utf8)
        let response = try await fetch(test.port, "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n", body: body)
        #expect(response.text == "memory|5|\(fnv1a(body))")
        let chunked = try await fetch(test.port, "POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n",
                                      body: Array("5\r\nhello\r\n0\r\n\r\n".utf8))
        #expect(chunked.text == "memory|5|\(fnv1a(body))")
    }

    @Test func largeUploadLandsInATemporaryFileThatIsDeletedAfterwards() async throws {
        let test = try Self.echoServer()
        defer { Task { await test.stop() } }

        var generator = SystemRandomNumberGenerator()
        let body = (0..<90_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let response = try await fetch(test.port, "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: \(body.count)\r\n\r\n", body: body)
        let parts = response.text.split(separator: "|")
        #expect(parts.count == 3)
        #expect(parts[0].hasPrefix("file:90000:true:"))
        #expect(parts[1] == "90000")
        #expect(parts[2] == "\(fnv1a(body))")

        let path = String(parts[0].split(separator: ":", maxSplits: 3)[3])
        var deleted = false
        for _ in 0..<200 where !deleted {
            deleted = !FileManager.default.fileExists(atPath: path)
            if !deleted { try await Task.sleep(for: .milliseconds(10)) }
        }
        #expect(deleted, "temporary body file \(path) should be removed after the response")
    }

    @Test func decodeTurnsBadJSONInto400Problem() async throws {
        struct Intervention: Decodable { let siteID: Int }
        let test = try TestServer.start { router in
            router.post("/v1/interventions") { request in
                let value = try request.decode(Intervention.self)
                return .text("site \(value.siteID)")
            }
        }
        defer { Task { await test.stop() } }

        let good = #"{"siteID":7}"#
        let ok = try await fetch(test.port, "POST /v1/interventions HTTP/1.1\r\nHost: x\r\nContent-Length: \(good.utf8.count)\r\n\r\n\(good)")
        #expect(ok.text == "site 7")
        let bad = #"{"site":7}"#
        let response = try await fetch(test.port, "POST /v1/interventions HTTP/1.1\r\nHost: x\r\nContent-Length: \(bad.utf8.count)\r\n\r\n\(bad)")
        #expect(response.status == 400)
        #expect(try response.json()["detail"] as? String == "Missing field 'siteID'.")
    }
}
