import Commands
import Domain
import FieldOpsCore
import Foundation
import HTTPServer
import Planning

/// Planning, for dispatchers:
///
///     POST /v1/planning/assign          plan a day (preview or commit) as a job of the scheduler worker → 202
///     POST /v1/planning/moves           move an intervention to a technician and start, with If-Match → 200,
///                                       or 409 with every broken constraint under `conflicts`
///     POST /v1/planning/duration-model  retrain the duration model from finished work as a job → 202
struct PlanningRoutes {
    let routing: TenantRouting
    let submitter: JobSubmitter
    let moves = PlanningMoves()

    struct MoveRequest: Decodable {
        let interventionID: String
        let technicianID: String
        /// ISO 8601 instant.
        let start: String
        /// Keep it on this technician when the day is planned again (default true: a dispatcher's
        /// choice outranks the solver's).
        let pinned: Bool?

        enum CodingKeys: String, CodingKey {
            case interventionID = "intervention_id", technicianID = "technician_id", start, pinned
        }
    }

    /// Interventions' update permission, less technicians: they update their own work's progress,
    /// they do not plan the team's days.
    private func planners(_ handler: @escaping TenantRouting.Handler) -> HTTPHandler {
        routing.protect(Permission(.interventions, .update)) { request in
            guard request.claims.role != .technician else {
                throw HTTPError(status: 403, detail: "Planning is for dispatchers: site leads, project managers, managers and tenant admins.")
            }
            return try await handler(request)
        }
    }

    func register(in router: inout Router) {
        router.post("/v1/planning/assign", planners { [submitter] request in
            let command = try request.http.decode(ScheduleAssignCommand.self)
            return try await submitter.submit(command, routingKey: ScheduleAssignCommand.routingKey, claims: request.claims, request: request.http)
        })
        router.post("/v1/planning/duration-model", planners { [submitter] request in
            let command = try request.http.bodyBytes().isEmpty ? ScheduleTrainDurationsCommand() : try request.http.decode(ScheduleTrainDurationsCommand.self)
            return try await submitter.submit(command, routingKey: ScheduleTrainDurationsCommand.routingKey, claims: request.claims, request: request.http)
        })
        router.post("/v1/planning/moves", planners { [moves] request in
            let version = try ETag.required(request.http)
            let body = try request.http.decode(MoveRequest.self)
            var invalid: [String: String] = [:]
            let intervention = UUID(uuidString: body.interventionID)
            let technician = UUID(uuidString: body.technicianID)
            let start = try? Date(body.start, strategy: .iso8601)
            if intervention == nil { invalid["intervention_id"] = "must be a UUID" }
            if technician == nil { invalid["technician_id"] = "must be a UUID" }
            if start == nil { invalid["start"] = "must be an ISO 8601 instant such as 2026-12-07T08:30:00Z" }
            guard let intervention, let technician, let start else { throw FieldErrors(invalid) }
            switch try await moves.move(
                interventionID: intervention, technicianID: technician, start: start, pin: body.pinned ?? true, expectedVersion: version,
                audit: request.audit, on: request.pool
            ) {
            case .applied(let record):
                return ResourceRoutes.response(record, status: 200)
            case .refused(let conflicts, let day):
                throw HTTPError(ProblemDetails(
                    status: 409, title: "The move breaks planning constraints",
                    detail: "\(conflicts.count) constraint(s) would break on \(day.date); see conflicts.", instance: request.http.path,
                    extensions: ["conflicts": .array(conflicts.map { $0.described(on: day) })]
                ))
            }
        })
    }
}
