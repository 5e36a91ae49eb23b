import FieldOpsCore
import Postgres
import Testing

@Suite("PostgresConfiguration")
struct PostgresConfigurationTests {
    @Test("a URL gives host, port, credentials, database and sslmode, percent-decoded")
    func parsesURL() throws {
        let configuration = try PostgresConfiguration(url: "postgresql://ops%40team:p%2Fss@db.internal:6543/tenant_42?sslmode=require")
        #expect(configuration.host == "db.internal")
        #expect(configuration.port == 6543)
        #expect(configuration.user == "ops@team")
        #expect(configuration.password == "p/ss")
        #expect(configuration.database == "tenant_42")
        #expect(configuration.sslMode == "require")
    }

    @Test("a malformed URL is a typed error, not a crash")
    func rejectsMalformedURL() {
        #expect(throws: PostgresError.self) { try PostgresConfiguration(url: "postgresql://host:notaport/db") }
        #expect(throws: PostgresError.self) { try PostgresConfiguration(url: "postgresql://host/db?nosuchoption=1") }
    }

    @Test("the environment sets URL, pool size, timeouts and application name")
    func readsEnvironment() throws {
        let environment = Environment([
            "FIELDOPS_POSTGRES_URL": "postgresql://u:p@127.0.0.1:5433/control",
            "FIELDOPS_POSTGRES_POOL_SIZE": "8",
            "FIELDOPS_POSTGRES_CONNECT_TIMEOUT_MS": "3000",
            "FIELDOPS_POSTGRES_STATEMENT_TIMEOUT_MS": "2500",
            "FIELDOPS_POSTGRES_APPLICATION_NAME": "gateway",
        ])
        let configuration = try PostgresConfiguration(environment: environment)
        #expect(configuration.port == 5433)
        #expect(configuration.pool.maxConnections == 8)
        #expect(configuration.connectTimeout == .seconds(3))
        #expect(configuration.statementTimeout == .milliseconds(2500))
        #expect(configuration.applicationName == "gateway")
    }

    @Test("a missing URL or a bad pool size names the variable")
    func environmentErrors() {
        #expect { try PostgresConfiguration(environment: Environment([:])) } throws: { error in
            (error as? ConfigurationError)?.variable == "FIELDOPS_POSTGRES_URL"
        }
        let badPool = Environment(["FIELDOPS_POSTGRES_URL": "postgresql://h/db", "FIELDOPS_POSTGRES_POOL_SIZE": "0"])
        #expect { try PostgresConfiguration(environment: badPool) } throws: { error in
            (error as? ConfigurationError)?.variable == "FIELDOPS_POSTGRES_POOL_SIZE"
        }
    }

    @Test("application name and statement timeout reach the server")
    func settingsReachServer() async throws {
        var configuration = try TestDatabase.configuration(applicationName: "fieldops-config-test")
        configuration.statementTimeout = .milliseconds(1500)
        let connection = try await PostgresConnection.connect(configuration: configuration, logger: TestDatabase.logger)
        let row = try #require(try await connection.query(
            "SELECT current_setting('application_name'), current_setting('statement_timeout')"
        ).first)
        let (applicationName, statementTimeout) = try row.decode((String, String).self)
        #expect(applicationName == "fieldops-config-test")
        #expect(statementTimeout == "1500ms")
        await connection.close()
    }

    @Test("a server that is not there fails with connectionFailed")
    func connectionRefused() async throws {
        let configuration = try PostgresConfiguration(url: "postgresql://nobody@127.0.0.1:1/none")
        await #expect { try await PostgresConnection.connect(configuration: configuration, logger: TestDatabase.logger) } throws: { error in
            (error as? PostgresError)?.code == .connectionFailed
        }
    }
}
