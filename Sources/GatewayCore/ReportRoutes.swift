import Commands
import Domain
import HTTPServer

/// `POST /v1/reports`: a report rendered asynchronously by the reports worker.
struct ReportRoutes {
    let submitter: JobSubmitter
    let guarding: APIGuard

    func register(in router: inout Router) {
        router.post("/v1/reports", guarding.protect(Permission(.reports, .create)) { [submitter] request, claims in
            let command = try request.decode(ReportRenderCommand.self)
            return try await submitter.submit(command, routingKey: ReportRenderCommand.routingKey, claims: claims, request: request)
        })
    }
}
