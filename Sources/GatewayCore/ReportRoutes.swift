import BlobStore
import Commands
import Domain
import Foundation
import HTTPServer
import Jobs

/// `POST /v1/reports`: a report rendered asynchronously by the reports worker.
/// `GET /v1/reports/{job_id}/file`: the rendered file, once the job succeeded.
struct ReportRoutes {
    let submitter: JobSubmitter
    let jobs: JobStore
    let blobs: any BlobStore
    let guarding: APIGuard

    /// The part of a succeeded job's result the download needs (written by the reports worker).
    struct RenderedFile: Decodable {
        let blobKey: String
        let contentType: String
        let fileName: String

        enum CodingKeys: String, CodingKey {
            case blobKey = "blob_key", contentType = "content_type", fileName = "file_name"
        }
    }

    func register(in router: inout Router) {
        router.post("/v1/reports", guarding.protect(Permission(.reports, .create)) { [submitter] request, claims in
            let command = try request.decode(ReportRenderCommand.self)
            return try await submitter.submit(command, routingKey: ReportRenderCommand.routingKey, claims: claims, request: request)
        })
        router.get("/v1/reports/{job_id}/file", guarding.protect(Permission(.reports, .read)) { [jobs, blobs] request, claims in
            // Another tenant's job, or a job that is not a report, reads as absent.
            guard let id = request.pathParameters["job_id"].flatMap(UUID.init(uuidString:)), let tenant = claims.tenant,
                  let job = try await jobs.find(id: id, tenant: tenant), job.kind == ReportRenderCommand.type
            else { throw HTTPError.notFound("No such report.") }
            guard job.status == .succeeded, let result = job.result,
                  let file = try? JSONDecoder().decode(RenderedFile.self, from: Data(result)),
                  file.blobKey.hasPrefix("\(tenant)/reports/")
            else {
                throw HTTPError(status: 409, detail: "The report is not ready: the job is \(job.status.rawValue).", headers: ["Retry-After": "5"])
            }
            let bytes: [UInt8]
            do {
                bytes = try await blobs.get(try BlobKey(file.blobKey))
            } catch let error as BlobStoreError where error.code == .notFound {
                throw HTTPError(status: 410, detail: "The report file is no longer stored; request the report again.")
            }
            return HTTPResponse(status: 200, headers: [
                "Content-Type": file.contentType,
                "Content-Disposition": "attachment; filename=\"\(file.fileName.filter { $0 != "\"" && $0 != "\\" })\"",
                "Cache-Control": "private, no-store",
            ], body: bytes)
        })
    }
}
