import Foundation
import HTTPServer
import Synchronization
import Testing

@Suite("Graceful shutdown")
struct ShutdownTests {
    @Test func inFlightSlowRequestFinishesAndNewConnectionsAreRefused() async throws {
        let started = Atomic<Bool>(false)
        let released = Atomic<Bool>(false)
        let test = try TestServer.start { router in
            router.get("/slow") { _ in
                started.store(true, ordering: .relaxed)
                // Finishes only once the test saw the shutdown begin, however loaded the machine is.
                while !released.load(ordering: .relaxed) { try await Task.sleep(for: .milliseconds(5)) }
                return .text("finished")
            }
        }
        let port = test.port
        async let slow = fetch(port, "GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
        while !started.load(ordering: .relaxed) { try await Task.sleep(for: .milliseconds(5)) }

        let stopping = Task { await test.server.shutdown(gracePeriod: .seconds(5)) }
        // The listener closes right after the server starts draining: new connections are refused.
        while (try? RawHTTPClient(port: port)) != nil { try await Task.sleep(for: .milliseconds(5)) }
        released.store(true, ordering: .relaxed)
        let response = try await slow
        await stopping.value
        #expect(response.status == 200 && response.text == "finished")
        #expect(response.headers["connection"]?.lowercased() == "close")
        #expect(throws: ClientError.self) { try RawHTTPClient(port: port) }
    }

    @Test func handlerStillRunningAfterTheGracePeriodGets503() async throws {
        let started = Atomic<Bool>(false)
        let test = try TestServer.start { router in
            router.get("/stuck") { _ in
                started.store(true, ordering: .relaxed)
                try? await Task.sleep(for: .seconds(30))
                return .text("too late")
            }
        }
        async let stuck = fetch(test.port, "GET /stuck HTTP/1.1\r\nHost: x\r\n\r\n")
        while !started.load(ordering: .relaxed) { try await Task.sleep(for: .milliseconds(5)) }

        await test.server.shutdown(gracePeriod: .milliseconds(100))
        let response = try await stuck
        #expect(response.status == 503)
        #expect(try response.json()["detail"] as? String == "The server is shutting down.")
    }

    @Test func openEventStreamEndsOnShutdown() async throws {
        let opened = Atomic<Bool>(false)
        let test = try TestServer.start { router in
            router.get("/events") { _ in
                opened.store(true, ordering: .relaxed)
                let (events, continuation) = AsyncStream.makeStream(of: ServerSentEvent.self)
                continuation.yield(ServerSentEvent(data: "first"))
                return .eventStream(events)
            }
        }
        async let body = onThread {
            let client = try RawHTTPClient(port: test.port)
            try client.send("GET /events HTTP/1.1\r\nHost: x\r\n\r\n")
            _ = try client.readResponse(headOnly: true)
            return String(decoding: try client.readChunkedBody(), as: UTF8.self)
        }
        while !opened.load(ordering: .relaxed) { try await Task.sleep(for: .milliseconds(5)) }
        try await Task.sleep(for: .milliseconds(50))
        await test.server.shutdown(gracePeriod: .seconds(5))
        #expect(try await body == "data: first\n\n")
    }
}
