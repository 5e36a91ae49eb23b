import Domain
import Foundation
import Identity
import TestSupport
import Testing

@Suite("Console static files")
struct ConsoleRoutesTests {
    /// A console folder of its own, with a secret beside it that no request may reach.
    static func withConsole(_ body: (GatewayHarness, URL) async throws -> Void) async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(TestServices.uniqueName("console-test"))
        let folder = root.appendingPathComponent("console")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("js"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent(".git"), withIntermediateDirectories: true)
        try Data("<!doctype html><title>shell</title>".utf8).write(to: folder.appendingPathComponent("index.html"))
        try Data("export const x = 1;".utf8).write(to: folder.appendingPathComponent("js/app.js"))
        try Data("{}".utf8).write(to: folder.appendingPathComponent("manifest.webmanifest"))
        try Data("hidden".utf8).write(to: folder.appendingPathComponent(".git/config"))
        try Data("top secret".utf8).write(to: root.appendingPathComponent("secret.txt"))
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("linked.txt"), withDestinationURL: root.appendingPathComponent("secret.txt"))
        let gateway = try await GatewayHarness(overrides: ["FIELDOPS_CONSOLE_DIR": folder.path])
        defer { try? FileManager.default.removeItem(at: root) }
        do {
            try await body(gateway, root)
        } catch {
            await gateway.shutDown()
            throw error
        }
        await gateway.shutDown()
    }

    /// curl with `--path-as-is`, so `..` reaches the server as sent instead of being resolved by the client.
    static func raw(_ gateway: GatewayHarness, _ path: String) async throws -> (status: Int, body: String) {
        let result = try await ChildProcess.run(URL(fileURLWithPath: "/usr/bin/curl"), arguments: [
            "--silent", "--path-as-is", "--output", "-", "--write-out", "\n%{http_code}", gateway.baseURL + path,
        ])
        let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false)
        return (Int(lines.last ?? "") ?? 0, lines.dropLast().joined(separator: "\n"))
    }

    @Test("files are served with their media type, a strong ETag and no-cache; If-None-Match gives 304")
    func servesFiles() async throws {
        try await Self.withConsole { gateway, _ in
            let script = try await gateway.request("GET", "/console/js/app.js")
            #expect(script.status == 200 && script.text == "export const x = 1;")
            #expect(script.header("Content-Type") == "text/javascript; charset=utf-8")
            #expect(script.header("Cache-Control") == "no-cache")
            #expect(script.header("X-Content-Type-Options") == "nosniff")
            #expect(script.header("Content-Security-Policy")?.contains("default-src 'self'") == true)
            let etag = try #require(script.header("ETag"))
            #expect(etag.hasPrefix("\"") && etag.count == 34)
            let again = try await gateway.request("GET", "/console/js/app.js", headers: [("If-None-Match", etag)])
            #expect(again.status == 304 && again.body.isEmpty)
            #expect(try await gateway.request("GET", "/console/manifest.webmanifest").header("Content-Type") == "application/manifest+json")
            let shell = try await gateway.request("GET", "/console/")
            #expect(shell.status == 200 && shell.text.contains("shell") && shell.header("Content-Type") == "text/html; charset=utf-8")
        }
    }

    @Test("/ and /console redirect to the console; a page path gets the app shell; a missing file is 404")
    func redirectsAndFallback() async throws {
        try await Self.withConsole { gateway, _ in
            let root = try await gateway.request("GET", "/")
            #expect(root.status == 302 && root.header("Location") == "/console/")
            let bare = try await gateway.request("GET", "/console")
            #expect(bare.status == 301 && bare.header("Location") == "/console/")
            let page = try await gateway.request("GET", "/console/field/today")
            #expect(page.status == 200 && page.text.contains("shell"))
            let missing = try await gateway.request("GET", "/console/js/missing.js")
            #expect(missing.status == 404 && missing.header("Content-Type") == "application/problem+json")
        }
    }

    @Test("no path reaches a file outside the console folder, a hidden file or a symbolic link")
    func noTraversal() async throws {
        try await Self.withConsole { gateway, _ in
            for path in [
                "/console/../secret.txt", "/console/js/../../secret.txt", "/console/%2e%2e/secret.txt", "/console/%2E%2E%2Fsecret.txt",
                "/console/..%2fsecret.txt", "/console/..%5csecret.txt", "/console/.git/config", "/console/linked.txt",
                "/console//etc/passwd", "/console/%2fetc%2fpasswd", "/console/./index.html",
            ] {
                let answer = try await Self.raw(gateway, path)
                #expect(!answer.body.contains("top secret") && !answer.body.contains("hidden") && !answer.body.contains("root:"), "\(path)")
                #expect([400, 404].contains(answer.status), "\(path): \(answer.status)")
            }
            // The server's C layer ends a path at a NUL: what is left names app.js itself, nothing else.
            let truncated = try await Self.raw(gateway, "/console/js/app.js%00.html")
            #expect(truncated.status == 404 || truncated.body == "export const x = 1;")
        }
    }

    @Test("the console's workflow table is the gateway's, move by move and role by role")
    func workflowTable() throws {
        let source = try String(contentsOf: TestServices.repositoryRoot.appendingPathComponent("console/js/workflow.js"), encoding: .utf8)
        let start = try #require(source.range(of: "/* moves */"))
        let end = try #require(source.range(of: "/* end moves */"))
        let table = try JSONSerialization.jsonObject(with: Data(source[start.upperBound..<end.lowerBound].utf8)) as? [[Any]] ?? []
        var console: Set<String> = []
        for move in table {
            let (from, to, roles) = (move[0] as? String ?? "", move[1] as? String ?? "", move[2] as? [String] ?? [])
            for role in roles { console.insert("\(from)→\(to) \(role)") }
        }
        var gateway: Set<String> = []
        for from in InterventionStatus.allCases {
            for to in InterventionStatus.allCases {
                for role in Role.allCases where InterventionWorkflow.refusal(from: from, to: to, role: role) == nil {
                    gateway.insert("\(from.rawValue)→\(to.rawValue) \(role.rawValue)")
                }
            }
        }
        #expect(console == gateway, "only in the console: \(console.subtracting(gateway).sorted()); only in the gateway: \(gateway.subtracting(console).sorted())")
    }
}
