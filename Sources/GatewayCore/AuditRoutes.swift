import Domain
import FieldOpsCore
import HTTPServer

/// `GET /v1/audit?entity=&entity_id=&actor=&since=&until=&limit=&before=`: the tenant's audit trail,
/// newest first; `next_before` pages back.
struct AuditRoutes {
    let routing: TenantRouting
    let trail = AuditTrail()

    func register(in router: inout Router) {
        router.get("/v1/audit", routing.protect(Permission(.audit, .read)) { [trail] request in
            HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: try await trail.list(try Self.filter(request.http), on: request.pool))
        })
    }

    private static func filter(_ request: HTTPRequest) throws(FieldErrors) -> AuditTrail.Filter {
        var filter = AuditTrail.Filter()
        var errors = FieldErrors()
        for item in request.query {
            switch item.name {
            case "entity": filter.entity = item.value
            case "entity_id": filter.entityID = item.value
            case "actor": filter.actor = item.value
            case "since", "until":
                guard ISO8601Timestamp.parse(item.value) != nil else {
                    errors.fields[item.name] = "must be an ISO 8601 timestamp with a time zone"
                    continue
                }
                if item.name == "since" { filter.since = item.value } else { filter.until = item.value }
            case "limit":
                guard let limit = Int(item.value), (1...500).contains(limit) else {
                    errors.fields["limit"] = "must be a whole number from 1 to 500"
                    continue
                }
                filter.limit = limit
            case "before":
                guard let before = Int64(item.value), before > 0 else {
                    errors.fields["before"] = "must be an entry number"
                    continue
                }
                filter.before = before
            default:
                errors.fields[item.name] = "is not a filter of the audit trail"
            }
        }
        guard errors.isEmpty else { throw errors }
        return filter
    }
}
