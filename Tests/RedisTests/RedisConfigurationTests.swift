import FieldOpsCore
import Redis
import Testing

@Suite("RedisConfiguration")
struct RedisConfigurationTests {
    @Test("parses host, port, password and database from a URL")
    func parsesURL() throws {
        let full = try RedisConfiguration(url: "redis://:s%40cret@cache.internal:6380/3")
        #expect(full.host == "cache.internal")
        #expect(full.port == 6380)
        #expect(full.username == nil)
        #expect(full.password == "s@cret")
        #expect(full.database == 3)

        let withUser = try RedisConfiguration(url: "redis://worker:pw@10.0.0.5")
        #expect(withUser.username == "worker")
        #expect(withUser.password == "pw")
        #expect(withUser.port == 6379)
        #expect(withUser.database == 0)
    }

    @Test("rejects malformed URLs", arguments: ["http://x", "redis://", "redis://h:99999", "redis://h/x", "redis://:%zz@h"])
    func rejectsBadURL(url: String) {
        #expect(throws: RedisError.self) { try RedisConfiguration(url: url) }
    }

    @Test("reads pool size and timeouts from the environment")
    func readsEnvironment() throws {
        let configuration = try RedisConfiguration(environment: Environment([
            "FIELDOPS_REDIS_URL": "redis://127.0.0.1:7000/2",
            "FIELDOPS_REDIS_POOL_SIZE": "12",
            "FIELDOPS_REDIS_CONNECT_TIMEOUT_MS": "750",
            "FIELDOPS_REDIS_COMMAND_TIMEOUT_MS": "1500",
        ]))
        #expect(configuration.port == 7000)
        #expect(configuration.database == 2)
        #expect(configuration.poolSize == 12)
        #expect(configuration.connectTimeout == .milliseconds(750))
        #expect(configuration.commandTimeout == .milliseconds(1500))
        #expect(throws: ConfigurationError.self) {
            try RedisConfiguration(environment: Environment(["FIELDOPS_REDIS_POOL_SIZE": "0"]))
        }
    }
}
