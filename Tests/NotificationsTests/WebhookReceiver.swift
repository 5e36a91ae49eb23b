import FieldOpsCore
import Foundation
import HTTPServer
import Notifications
import Synchronization
import Telemetry
import TestSupport

/// A webhook endpoint on an ephemeral port: it verifies each delivery's signature with the
/// endpoint's secret and answers with the scripted statuses in turn (200 once they run out).
final class WebhookReceiver: Sendable {
    struct Delivery: Sendable {
        let id: String
        let event: String
        let verification: WebhookSignature.Verification
        let body: String
        let answered: Int
    }

    private struct State {
        var secret: [UInt8] = []
        var statuses: [Int]
        var deliveries: [Delivery] = []
    }

    /// Shared with the route's closure (a `Mutex` cannot be captured itself).
    private final class Log: Sendable {
        let state: Mutex<State>
        init(statuses: [Int]) { state = Mutex(State(statuses: statuses)) }
    }

    private let log: Log
    private let server: HTTPServer

    init(statuses: [Int]) throws {
        let log = Log(statuses: statuses)
        var router = Router()
        router.post("/hook") { request in
            let body = try request.bodyBytes()
            let status = log.state.withLock { state in
                let answer = state.statuses.isEmpty ? 200 : state.statuses.removeFirst()
                state.deliveries.append(Delivery(
                    id: request.headers["FieldOps-Delivery"] ?? "", event: request.headers["FieldOps-Event"] ?? "",
                    verification: WebhookSignature.verify(
                        header: request.headers[WebhookSignature.headerName] ?? "", secret: state.secret, body: body,
                        now: Int64(Date().timeIntervalSince1970)
                    ),
                    body: String(decoding: body, as: UTF8.self), answered: answer
                ))
                return answer
            }
            return HTTPResponse(status: status)
        }
        self.log = log
        server = HTTPServer(configuration: HTTPServerConfiguration(bindAddress: "127.0.0.1", port: 0, threads: 2), router: router, logger: TestServices.logger, metrics: MetricsRegistry())
        try server.start()
    }

    var url: String { "http://127.0.0.1:\(server.port)/hook" }

    func use(secret: [UInt8]) {
        log.state.withLock { $0.secret = secret }
    }

    var deliveries: [Delivery] { log.state.withLock { $0.deliveries } }

    func shutDown() async {
        await server.shutdown(gracePeriod: .seconds(1))
    }
}
