import FieldOpsCore
import HTTPServer
import Telemetry
import Testing

@Suite("Server configuration")
struct ConfigurationTests {
    @Test func readsPrefixedVariables() throws {
        let configuration = try HTTPServerConfiguration(environment: Environment([
            "APP_PORT": "9090", "APP_THREADS": "4", "APP_MAX_BODY_BYTES": "1024", "APP_BIND": "::1",
            "APP_CONNECTION_TIMEOUT_MS": "5000",
        ]), prefix: "APP_")
        #expect(configuration.port == 9090 && configuration.threads == 4 && configuration.maxBodyBytes == 1024)
        #expect(configuration.bindAddress == "::1" && configuration.connectionTimeout == .seconds(5))
    }

    @Test func rejectsOutOfRangeValuesNamingTheVariable() {
        #expect(throws: ConfigurationError.self) {
            try HTTPServerConfiguration(environment: Environment(["APP_PORT": "70000"]), prefix: "APP_")
        }
        do {
            _ = try HTTPServerConfiguration(environment: Environment(["APP_THREADS": "0"]), prefix: "APP_")
            Issue.record("expected an error")
        } catch {
            #expect(error.variable == "APP_THREADS")
        }
    }

    @Test func invalidBindAddressFailsToStart() {
        let server = HTTPServer(
            configuration: HTTPServerConfiguration(bindAddress: "not-an-ip", port: 0), router: Router(),
            logger: Logger(label: "t", sink: MemoryLogSink()), metrics: .init()
        )
        #expect(throws: HTTPServerError.self) { try server.start() }
    }
}
