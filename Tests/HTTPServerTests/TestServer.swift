import HTTPServer
import Telemetry

/// A real server on a free loopback port, with its log lines and metrics kept for assertions.
struct TestServer {
    let server: HTTPServer
    let logs: MemoryLogSink
    let metrics: MetricsRegistry

    var port: Int { server.port }

    static func start(
        configuration: HTTPServerConfiguration = HTTPServerConfiguration(),
        routes: (inout Router) -> Void
    ) throws -> TestServer {
        var configuration = configuration
        configuration.bindAddress = "127.0.0.1"
        configuration.port = 0
        var router = Router()
        routes(&router)
        let logs = MemoryLogSink()
        let metrics = MetricsRegistry()
        let server = HTTPServer(
            configuration: configuration, router: router, logger: Logger(label: "test", sink: logs), metrics: metrics
        )
        try server.start()
        return TestServer(server: server, logs: logs, metrics: metrics)
    }

    func stop() async { await server.shutdown(gracePeriod: .seconds(5)) }
}

/// Compares bodies without printing megabytes on failure.
func fnv1a(_ bytes: [UInt8]) -> UInt64 {
    bytes.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
}
