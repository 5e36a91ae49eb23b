#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import FieldOpsCore
import Domain
import HTTPServer
import Jobs

/// `GET /v1/jobs/{id}`: where an asynchronous job stands. Another tenant's job reads as absent.
struct JobRoutes {
    let jobs: JobStore
    let guarding: APIGuard

    struct JobView: Encodable {
        let id: String
        let kind: String
        let status: String
        let attempts: Int
        let createdAt: Date
        let updatedAt: Date
        let finishedAt: Date?
        let result: JSONValue?
        let error: JSONValue?

        enum CodingKeys: String, CodingKey {
            case id, kind, status, attempts, createdAt = "created_at", updatedAt = "updated_at", finishedAt = "finished_at", result, error
        }
    }

    func register(in router: inout Router) {
        router.get("/v1/jobs/{id}", guarding.protect(Permission(.jobs, .read)) { [jobs] request, claims in
            let id = try request.uuid(naming: "job")
            guard let tenant = claims.tenant, let job = try await jobs.find(id: id, tenant: tenant) else {
                throw HTTPError.notFound("No such job.")
            }
            let decoder = JSONDecoder()
            return try .json(JobView(
                id: job.id.uuidString.lowercased(), kind: job.kind, status: job.status.rawValue, attempts: job.attempts,
                createdAt: job.createdAt, updatedAt: job.updatedAt, finishedAt: job.finishedAt,
                result: try job.result.map { try decoder.decode(JSONValue.self, from: Data($0)) },
                error: try job.error.map { try decoder.decode(JSONValue.self, from: Data($0)) }
            ))
        })
    }
}
