import AMQP
import FieldOpsCore
import Testing

@Suite("AMQPConfiguration")
struct AMQPConfigurationTests {
    @Test func parsesEveryPartOfTheURL() throws {
        let configuration = try AMQPConfiguration(url: "amqp://fieldops:p%40ss%3Aword@broker.internal:5673/tenant%2Fone")
        #expect(configuration.username == "fieldops")
        #expect(configuration.password == "p@ss:word")
        #expect(configuration.host == "broker.internal")
        #expect(configuration.port == 5673)
        #expect(configuration.virtualHost == "tenant/one")
    }

    @Test func encodedSlashIsTheDefaultVirtualHost() throws {
        #expect(try AMQPConfiguration(url: "amqp://u:p@127.0.0.1:25672/%2F").virtualHost == "/")
        #expect(try AMQPConfiguration(url: "amqp://127.0.0.1").virtualHost == "/")
        #expect(try AMQPConfiguration(url: "amqp://127.0.0.1").port == 5672)
    }

    @Test(arguments: ["http://host/", "amqps://host/", "amqp://host:port/", "amqp://host/a/b", "amqp://u:%zz@host/"])
    func rejectsBadURLs(_ url: String) {
        #expect(throws: AMQPError.self) { try AMQPConfiguration(url: url) }
    }

    @Test func readsTheEnvironment() throws {
        let configuration = try AMQPConfiguration(
            environment: Environment([
                "FIELDOPS_AMQP_URL": "amqp://a:b@10.0.0.1:5672/%2F",
                "FIELDOPS_AMQP_HEARTBEAT_SECONDS": "10",
                "FIELDOPS_AMQP_RECONNECT_MAX_MS": "2000",
                "FIELDOPS_AMQP_CONFIRM_BATCH_SIZE": "250",
            ]),
            connectionName: "gateway"
        )
        #expect(configuration.host == "10.0.0.1")
        #expect(configuration.heartbeatSeconds == 10)
        #expect(configuration.connectionName == "gateway")
        #expect(configuration.reconnectBackoff.maximum == .seconds(2))
        #expect(configuration.confirmBatchSize == 250)
    }

    @Test func defaultsTheHeartbeatToThirtySeconds() throws {
        let configuration = try AMQPConfiguration(environment: Environment(["FIELDOPS_AMQP_URL": "amqp://h/"]))
        #expect(configuration.heartbeatSeconds == 30)
    }

    @Test func namesTheBadVariable() {
        #expect {
            try AMQPConfiguration(environment: Environment(["FIELDOPS_AMQP_HEARTBEAT_SECONDS": "soon"]))
        } throws: { error in
            (error as? AMQPError)?.message.contains("FIELDOPS_AMQP_HEARTBEAT_SECONDS") == true
        }
    }
}
