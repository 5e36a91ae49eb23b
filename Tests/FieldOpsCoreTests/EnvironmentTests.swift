import FieldOpsCore
import Testing

@Suite("Environment")
struct EnvironmentTests {
    let environment = Environment([
        "PORT": "8080", "BAD_PORT": "80x", "EMPTY": "", "FLAG": "yes", "BAD_FLAG": "maybe", "TIMEOUT_MS": "250",
    ])

    @Test("typed values are read, empty ones fall back to the default")
    func typedReads() throws {
        #expect(try environment.int("PORT", default: 1) == 8080)
        #expect(try environment.int("MISSING", default: 7) == 7)
        #expect(environment.string("EMPTY", default: "fallback") == "fallback")
        #expect(try environment.bool("FLAG", default: false))
        #expect(try environment.milliseconds("TIMEOUT_MS", default: .seconds(1)) == .milliseconds(250))
    }

    @Test("a malformed value names the variable")
    func malformed() {
        #expect(throws: ConfigurationError.self) { try environment.int("BAD_PORT", default: 1) }
        do {
            _ = try environment.bool("BAD_FLAG", default: false)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("BAD_FLAG=maybe"))
        }
    }

    @Test("the process environment is read")
    func processEnvironment() {
        #expect(Environment.process().string("PATH") != nil)
    }
}
