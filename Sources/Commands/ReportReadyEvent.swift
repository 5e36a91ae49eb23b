import Mesh

/// A report finished rendering: the notify worker tells whoever asked for it (`requested_by`).
/// Its message id is derived from the job, so announcing it again after a redelivery notifies once.
public struct ReportReadyEvent: MeshMessage, Equatable {
    public static let type = "report.ready.v1"
    public static let routingKey = "report.ready"

    public var jobID: String
    public var requestedBy: String
    public var reportName: String
    /// Where the file is downloaded (`GET /v1/reports/{job_id}/file`).
    public var link: String

    public init(jobID: String, requestedBy: String, reportName: String) {
        self.jobID = jobID
        self.requestedBy = requestedBy
        self.reportName = reportName
        link = "/v1/reports/\(jobID)/file"
    }

    /// The message id this job's announcement always carries.
    public var messageID: String { "report.ready:" + jobID }

    enum CodingKeys: String, CodingKey {
        case jobID = "job_id", requestedBy = "requested_by", reportName = "report_name", link
    }
}
