import Domain
import FieldOpsCore
import Foundation
import HTTPServer

/// The intervention workflow beyond field updates:
///
///     POST /v1/interventions/{id}/transitions      {"to": "in_progress"} with If-Match
///     GET  /v1/interventions/{id}/checklist
///     PUT  /v1/interventions/{id}/checklist/{position}   {"value": …}
struct InterventionRoutes {
    let routing: TenantRouting
    let interventions = InterventionStore()

    struct TransitionRequest: Decodable {
        let to: String
    }

    struct AnswerRequest: Decodable {
        let value: JSONValue
    }

    func register(in router: inout Router) {
        router.post("/v1/interventions/{id}/transitions", routing.protect(Permission(.interventions, .update)) { [interventions] request in
            let id = try request.http.uuid(naming: "intervention")
            let version = try ETag.required(request.http)
            let body = try request.http.decode(TransitionRequest.self)
            guard let target = InterventionStatus(rawValue: body.to) else {
                throw FieldErrors(["to": "must be one of " + InterventionStatus.allCases.map(\.rawValue).joined(separator: ", ")])
            }
            let record = try await interventions.transition(
                id: id, to: target, expectedVersion: version, role: request.claims.role, userID: request.userID,
                context: request.audit, on: request.pool
            )
            return ResourceRoutes.response(record, status: 200)
        })
        router.get("/v1/interventions/{id}/checklist", routing.protect(Permission(.interventions, .read)) { [interventions] request in
            guard let items = try await interventions.checklist(id: try request.http.uuid(naming: "intervention"), on: request.pool) else {
                throw HTTPError.notFound("No such intervention.")
            }
            return HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: items)
        })
        router.put("/v1/interventions/{id}/checklist/{position}", routing.protect(Permission(.fieldwork, .update)) { [interventions] request in
            guard let position = request.http.pathParameters["position"].flatMap(Int.init), (0...10_000).contains(position) else {
                throw HTTPError.notFound("No such checklist item.")
            }
            let body = try request.http.decode(AnswerRequest.self)
            let item = try await interventions.answer(
                id: try request.http.uuid(naming: "intervention"), position: position, value: body.value, role: request.claims.role,
                userID: request.userID, context: request.audit, on: request.pool
            )
            return HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: item)
        })
    }
}
