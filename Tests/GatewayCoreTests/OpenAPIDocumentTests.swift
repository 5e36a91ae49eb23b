import Domain
import FieldOpsCore
import Foundation
import TestSupport
import Testing

@Suite("OpenAPI document")
struct OpenAPIDocumentTests {
    static let path = TestServices.repositoryRoot.appendingPathComponent("docs/openapi.json").path

    @Test("docs/openapi.json is a valid OpenAPI 3.1 document (openapi-spec-validator)")
    func valid() async throws {
        let result = try await ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"), arguments: ["python3", "-c", """
            import sys
            from openapi_spec_validator import validate
            from openapi_spec_validator.readers import read_from_filename
            document, _ = read_from_filename(sys.argv[1])
            validate(document)
            assert document["openapi"].startswith("3.1"), document["openapi"]
            """, Self.path])
        #expect(result.status == 0, "\(result.errorOutput)")
    }

    @Test("every route is documented and nothing documented is unrouted")
    func matchesRouter() async throws {
        let gateway = try await GatewayHarness()
        let routed = Set(gateway.endpoints.map { "\($0.method.rawValue.uppercased()) \($0.template)" })
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Self.path))) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let methods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options"]
        let documented = Set(paths.flatMap { path, operations in
            operations.keys.filter(methods.contains).map { "\($0.uppercased()) \(path)" }
        })
        #expect(routed.subtracting(documented).isEmpty, "routed but undocumented: \(routed.subtracting(documented).sorted())")
        #expect(documented.subtracting(routed).isEmpty, "documented but not routed: \(documented.subtracting(routed).sorted())")

        let served = try await gateway.request("GET", "/openapi.json")
        #expect(served.status == 200)
        #expect(served.body == Array(try Data(contentsOf: URL(fileURLWithPath: Self.path))))
        await gateway.shutDown()
    }

    @Test("the domain resources' paths and schemas are the ones generated from the resource catalog")
    func generatedFromTheCatalog() throws {
        let document = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: URL(fileURLWithPath: Self.path)))
        #expect(ResourceOpenAPI.merge(into: document) == document, "regenerate with: fieldopsctl docs openapi")
    }

    @Test("every operation shows an example (of its body, its answer, a parameter or a header)")
    func examples() throws {
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Self.path))) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        func mentionsExample(_ value: Any) -> Bool {
            if let object = value as? [String: Any] {
                return object["example"] != nil || object["examples"] != nil || object.values.contains(where: mentionsExample)
            }
            return (value as? [Any])?.contains(where: mentionsExample) ?? false
        }
        let methods: Set<String> = ["get", "put", "post", "delete", "patch"]
        let bare = paths.flatMap { path, operations in
            operations.filter { methods.contains($0.key) && !mentionsExample($0.value) }.map { "\($0.key.uppercased()) \(path)" }
        }
        #expect(bare.isEmpty, "without an example: \(bare.sorted())")
    }
}
