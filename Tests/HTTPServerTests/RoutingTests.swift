import Foundation
import HTTPServer
import Testing

@Suite("Routing")
struct RoutingTests {
    @Test func pathParametersQueryAndRouteTemplateReachTheHandler() async throws {
        let test = try TestServer.start { router in
            router.get("/v1/interventions/{id}/photos/{photo}") { request in
                .text("\(request.route)|\(request.pathParameters["id"]!)|\(request.pathParameters["photo"]!)|\(request.query("expand") ?? "-")")
            }
            router.get("/v1/interventions/export") { _ in .text("export") }
        }
        defer { Task { await test.stop() } }

        let response = try await fetch(test.port, "GET /v1/interventions/42/photos/p-7?expand=site%20lead HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(response.status == 200)
        #expect(response.text == "/v1/interventions/{id}/photos/{photo}|42|p-7|site lead")
        let literal = try await fetch(test.port, "GET /v1/interventions/export HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(literal.text == "export")
    }

    @Test func unknownPathIs404ProblemJSON() async throws {
        let test = try TestServer.start { router in router.get("/known") { _ in .text("ok") } }
        defer { Task { await test.stop() } }

        let response = try await fetch(test.port, "GET /unknown/path HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(response.status == 404)
        #expect(response.headers["content-type"] == "application/problem+json")
        let problem = try response.json()
        #expect(problem["status"] as? Int == 404)
        #expect(problem["title"] as? String == "Not Found")
        #expect(problem["type"] as? String == "about:blank")
        #expect(problem["instance"] as? String == "/unknown/path")
    }

    @Test func knownPathWithWrongMethodIs405WithAllow() async throws {
        let test = try TestServer.start { router in
            router.get("/v1/sites/{id}") { _ in .text("site") }
            router.delete("/v1/sites/{id}") { _ in HTTPResponse(status: 204) }
        }
        defer { Task { await test.stop() } }

        let response = try await fetch(test.port, "POST /v1/sites/9 HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n")
        #expect(response.status == 405)
        #expect(response.headers["allow"] == "DELETE, GET, HEAD")
        #expect(try response.json()["status"] as? Int == 405)
    }

    @Test func headIsServedByTheGetHandlerWithoutABody() async throws {
        let test = try TestServer.start { router in router.get("/doc") { _ in .text("twelve bytes") } }
        defer { Task { await test.stop() } }

        let response = try await onThread {
            let client = try RawHTTPClient(port: test.port)
            try client.send("HEAD /doc HTTP/1.1\r\nHost: x\r\n\r\n")
            let head = try client.readResponse(headOnly: true)
            // The next response on the same connection must start right away: no body was sent.
            try client.send("GET /doc HTTP/1.1\r\nHost: x\r\n\r\n")
            let get = try client.readResponse()
            return (head, get)
        }
        #expect(response.0.status == 200)
        #expect(response.0.headers["content-length"] == "12")
        #expect(response.1.text == "twelve bytes")
    }

    @Test func routerPrefersLiteralSegmentsAndReportsTemplates() {
        var router = Router()
        router.get("/v1/sites/{id}") { _ in .text("param") }
        router.get("/v1/sites/new") { _ in .text("literal") }
        guard case .found(let route, let parameters, _) = router.match(.get, path: "/v1/sites/new") else {
            Issue.record("no match")
            return
        }
        #expect(route == "/v1/sites/new" && parameters.isEmpty)
        guard case .found(let paramRoute, let found, _) = router.match(.get, path: "/v1/sites/12") else {
            Issue.record("no match")
            return
        }
        #expect(paramRoute == "/v1/sites/{id}" && found == ["id": "12"])
        guard case .notFound = router.match(.get, path: "/v1/sites/") else {
            Issue.record("an empty parameter must not match")
            return
        }
    }

    @Test func aLiteralRouteWithoutTheMethodLeavesThePathToTheOthers() {
        var router = Router()
        router.get("/v1/sites/export") { _ in .text("export") }
        router.post("/v1/sites/{id}") { _ in .text("action") }
        guard case .found(let route, let parameters, _) = router.match(.post, path: "/v1/sites/export") else {
            Issue.record("POST must reach the parameter route")
            return
        }
        #expect(route == "/v1/sites/{id}" && parameters == ["id": "export"])
        guard case .found(let head, _, _) = router.match(.head, path: "/v1/sites/export") else {
            Issue.record("HEAD is served by the GET handler")
            return
        }
        #expect(head == "/v1/sites/export")
        guard case .methodNotAllowed(let allowed) = router.match(.delete, path: "/v1/sites/export") else {
            Issue.record("DELETE is routed nowhere")
            return
        }
        #expect(allowed == [.get, .head, .post])
    }

    @Test func remainderTakesTheRestOfThePathAndLosesToLiterals() {
        var router = Router()
        router.get("/files/{path...}") { _ in .text("file") }
        router.get("/files/index") { _ in .text("literal") }
        let cases: [(path: String, expected: String?)] = [
            ("/files/", ""), ("/files/a.css", "a.css"), ("/files/js/app/main.js", "js/app/main.js"), ("/files", nil),
        ]
        for (path, expected) in cases {
            switch router.match(.get, path: path) {
            case .found(let route, let parameters, _):
                #expect(route == "/files/{path...}" && parameters["path"] == expected, "\(path)")
            default:
                #expect(expected == nil, "\(path) should match")
            }
        }
        guard case .found(let route, _, _) = router.match(.get, path: "/files/index") else {
            Issue.record("no match")
            return
        }
        #expect(route == "/files/index")
    }

    @Test func pathsLongerThanEveryTemplateReachOnlyRemainders() {
        var router = Router()
        router.get("/a/{x}") { _ in .text("two") }
        router.get("/static/{path...}") { _ in .text("rest") }
        guard case .found(let route, let parameters, _) = router.match(.get, path: "/static/1/2/3/4/5/6/7") else {
            Issue.record("a long path must reach the remainder route")
            return
        }
        #expect(route == "/static/{path...}" && parameters["path"] == "1/2/3/4/5/6/7")
        guard case .notFound = router.match(.get, path: "/a/1/2/3/4/5/6/7") else {
            Issue.record("a template of two segments must not match seven")
            return
        }
        guard case .methodNotAllowed(let allowed) = router.match(.post, path: "/a/1") else {
            Issue.record("the path exists for GET only")
            return
        }
        #expect(allowed == [.get, .head])
    }
}

@Suite("Header fields")
struct HTTPHeadersTests {
    @Test func lookupIgnoresCaseAndKeepsOrder() {
        var headers: HTTPHeaders = ["Content-Type": "application/json", "X-Tag": "a"]
        headers.add("x-tag", "b")
        #expect(headers["content-type"] == "application/json")
        #expect(headers.values(for: "X-TAG") == ["a", "b"])
        headers.set("X-Tag", "c")
        #expect(headers.values(for: "x-tag") == ["c"])
        #expect(headers["Content-Typ"] == nil)
    }
}
