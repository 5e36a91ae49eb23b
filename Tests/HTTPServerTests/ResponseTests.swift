import Foundation
import HTTPServer
import Synchronization
import Testing

@Suite("Responses")
struct ResponseTests {
    struct ValidationFailed: Error {}

    @Test func httpErrorBecomesProblemJSONWithExtensionMembers() async throws {
        let test = try TestServer.start { router in
            router.post("/v1/interventions") { _ in
                throw HTTPError(ProblemDetails(
                    type: "https://fieldops360.example/problems/validation", status: 422, title: "Invalid intervention",
                    detail: "2 fields are invalid.",
                    extensions: ["errors": [["field": "site_id", "message": "required"], ["field": "starts_at", "message": "in the past"]]]
                ))
            }
        }
        defer { Task { await test.stop() } }

        let response = try await fetch(test.port, "POST /v1/interventions HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n")
        #expect(response.status == 422)
        #expect(response.headers["content-type"] == "application/problem+json")
        let problem = try response.json()
        #expect(problem["type"] as? String == "https://fieldops360.example/problems/validation")
        #expect(problem["title"] as? String == "Invalid intervention")
        #expect(problem["status"] as? Int == 422)
        #expect(problem["detail"] as? String == "2 fields are invalid.")
        #expect(problem["instance"] as? String == "/v1/interventions")
        let errors = try #require(problem["errors"] as? [[String: String]])
        #expect(errors == [["field": "site_id", "message": "required"], ["field": "starts_at", "message": "in the past"]])
    }

    @Test func unexpectedErrorIs500WithoutInternals() async throws {
        struct DatabaseDown: Error, CustomStringConvertible {
            var description: String { "connection to 10.0.0.5:5432 refused, secret=hunter2" }
        }
        let test = try TestServer.start { router in router.get("/boom") { _ in throw DatabaseDown() } }
        defer { Task { await test.stop() } }

        let response = try await fetch(test.port, "GET /boom HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(response.status == 500)
        #expect(!response.text.contains("hunter2") && !response.text.contains("10.0.0.5"))
        #expect(try response.json()["title"] as? String == "Internal Server Error")
        // The cause is logged for operators, with the request id.
        let requestID = try #require(response.headers["x-request-id"])
        #expect(test.logs.recorded.contains { $0.contains("hunter2") && $0.contains(requestID) })
    }

    @Test func saneRequestIDIsEchoedAndOthersAreReplaced() async throws {
        let test = try TestServer.start { router in router.get("/id") { request in .text(request.requestID) } }
        defer { Task { await test.stop() } }

        let echoed = try await fetch(test.port, "GET /id HTTP/1.1\r\nHost: x\r\nX-Request-Id: client-42.abc\r\n\r\n")
        #expect(echoed.headers["x-request-id"] == "client-42.abc" && echoed.text == "client-42.abc")
        let injected = try await fetch(test.port, "GET /id HTTP/1.1\r\nHost: x\r\nX-Request-Id: a\"b{}\r\n\r\n")
        let replaced = try #require(injected.headers["x-request-id"])
        #expect(replaced != "a\"b{}" && replaced.count == 32 && injected.text == replaced)
        // New ids: the process's 16 hex digits, then a counter's 16.
        let first = try #require(try await fetch(test.port, "GET /id HTTP/1.1\r\nHost: x\r\n\r\n").headers["x-request-id"])
        let second = try #require(try await fetch(test.port, "GET /id HTTP/1.1\r\nHost: x\r\n\r\n").headers["x-request-id"])
        for id in [first, second] {
            #expect(id.count == 32 && id.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }, "\(id)")
        }
        #expect(first.prefix(16) == second.prefix(16))
        #expect(try #require(UInt64(first.suffix(16), radix: 16)) < (try #require(UInt64(second.suffix(16), radix: 16))))
    }

    @Test func accessLogAndDurationHistogramUseTheRouteTemplate() async throws {
        let test = try TestServer.start { router in router.get("/v1/sites/{id}") { _ in .text("site") } }
        let response = try await fetch(test.port, "GET /v1/sites/981 HTTP/1.1\r\nHost: x\r\nX-Request-Id: log-check-1\r\n\r\n")
        #expect(response.status == 200)
        await test.stop()

        let line = try #require(test.logs.recorded.first { $0.contains("\"request.id\":\"log-check-1\"") })
        let fields = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
        #expect(fields["http.route"] == "/v1/sites/{id}")
        #expect(fields["http.method"] == "GET")
        #expect(fields["http.status"] == "200")
        #expect(fields["http.response_bytes"] == "4")
        #expect(fields["duration_ms"].flatMap(Double.init) != nil)
        let exposition = test.metrics.exposition()
        #expect(exposition.contains(#"fieldops_http_request_duration_seconds_count{route="/v1/sites/{id}",method="GET",code="200"} 1"#))
        #expect(!exposition.contains("/v1/sites/981"))
        #expect(exposition.contains("fieldops_http_requests_in_flight 0\n"))
    }

    @Test func incomingTraceparentIsKept() async throws {
        let test = try TestServer.start { router in router.get("/trace") { request in .text(request.trace.traceID.hex) } }
        defer { Task { await test.stop() } }

        let response = try await fetch(
            test.port, "GET /trace HTTP/1.1\r\nHost: x\r\ntraceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\r\n\r\n"
        )
        #expect(response.text == "4bf92f3577b34da6a3ce929d0e0e4736")
    }

    @Test func eventStreamDeliversEventsInOrderThenEnds() async throws {
        let test = try TestServer.start { router in
            router.get("/events") { _ in
                let (events, continuation) = AsyncStream.makeStream(of: ServerSentEvent.self)
                Task {
                    for index in 1...3 {
                        continuation.yield(ServerSentEvent(id: "\(index)", event: "progress", data: "step \(index)\nof 3"))
                        try? await Task.sleep(for: .milliseconds(20))
                    }
                    continuation.finish()
                }
                return .eventStream(events)
            }
        }
        defer { Task { await test.stop() } }

        let (head, body) = try await onThread {
            let client = try RawHTTPClient(port: test.port)
            try client.send("GET /events HTTP/1.1\r\nHost: x\r\n\r\n")
            let head = try client.readResponse(headOnly: true)
            return (head, String(decoding: try client.readChunkedBody(), as: UTF8.self))
        }
        #expect(head.status == 200)
        #expect(head.headers["content-type"] == "text/event-stream")
        let expected = (1...3).map { "id: \($0)\nevent: progress\ndata: step \($0)\ndata: of 3\n\n" }.joined()
        #expect(body == expected)
    }

    @Test func eventStreamStopsItsSourceWhenTheClientDisconnects() async throws {
        let terminated = Atomic<Bool>(false)
        let test = try TestServer.start(configuration: HTTPServerConfiguration(eventStreamHeartbeat: .milliseconds(20))) { router in
            router.get("/events") { _ in
                let (events, continuation) = AsyncStream.makeStream(of: ServerSentEvent.self)
                continuation.onTermination = { _ in terminated.store(true, ordering: .relaxed) }
                continuation.yield(ServerSentEvent(data: "only"))
                return .eventStream(events)
            }
        }
        defer { Task { await test.stop() } }

        try await onThread {
            let client = try RawHTTPClient(port: test.port)
            try client.send("GET /events HTTP/1.1\r\nHost: x\r\n\r\n")
            _ = try client.readResponse(headOnly: true)
            _ = try client.readChunkedBody { String(decoding: $0, as: UTF8.self).contains("only") }
        }
        // The client socket is closed now; the next heartbeat fails and the stream is torn down.
        for _ in 0..<500 where !terminated.load(ordering: .relaxed) || !test.metrics.exposition().contains("in_flight 0\n") {
            try await Task.sleep(for: .milliseconds(10))
        }
        let sourceStopped = terminated.load(ordering: .relaxed)
        #expect(sourceStopped)
        #expect(test.metrics.exposition().contains("fieldops_http_requests_in_flight 0\n"))
    }

    @Test func eventStreamSendsHeartbeatsWhileIdle() async throws {
        let test = try TestServer.start(configuration: HTTPServerConfiguration(eventStreamHeartbeat: .milliseconds(50))) { router in
            router.get("/quiet") { _ in
                let (events, continuation) = AsyncStream.makeStream(of: ServerSentEvent.self)
                continuation.yield(ServerSentEvent(data: "hello"))
                return .eventStream(events)
            }
        }
        defer { Task { await test.stop() } }

        let body = try await onThread {
            let client = try RawHTTPClient(port: test.port)
            try client.send("GET /quiet HTTP/1.1\r\nHost: x\r\n\r\n")
            _ = try client.readResponse(headOnly: true)
            return String(decoding: try client.readChunkedBody { String(decoding: $0, as: UTF8.self).contains(": keep-alive") }, as: UTF8.self)
        }
        #expect(body.hasPrefix("data: hello\n\n"))
        #expect(body.contains(": keep-alive\n\n"))
    }
}
