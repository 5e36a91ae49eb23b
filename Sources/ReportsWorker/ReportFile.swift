import BlobStore
import Commands

/// Where a rendered report lives and what it is: the job's result, also kept beside the file so a
/// redelivered command finds the work done.
public struct ReportFile: Codable, Sendable, Equatable {
    public var blobKey: String
    public var sizeBytes: Int64
    public var contentType: String
    public var fileName: String
    /// PDF pages; absent for XLSX and CSV.
    public var pages: Int?
    public var rows: Int

    enum CodingKeys: String, CodingKey {
        case blobKey = "blob_key", sizeBytes = "size_bytes", contentType = "content_type", fileName = "file_name", pages, rows
    }

    /// `<tenant>/reports/<job>/<kind>.<ext>`: derived from the job, so every delivery of one job
    /// writes the same key.
    public static func key(tenant: String, job: String, command: ReportRenderCommand) throws(BlobStoreError) -> BlobKey {
        try BlobKey("\(tenant)/reports/\(job)/\(fileName(for: command))")
    }

    /// The record beside the file.
    public static func recordKey(tenant: String, job: String) throws(BlobStoreError) -> BlobKey {
        try BlobKey("\(tenant)/reports/\(job)/report.json")
    }

    public static func fileName(for command: ReportRenderCommand) -> String {
        "\(command.report.rawValue)-\(command.from)-\(command.to).\(command.format.rawValue)"
    }

    public static func contentType(for format: ReportRenderCommand.Format) -> String {
        switch format {
        case .pdf: "application/pdf"
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .csv: "text/csv; charset=utf-8"
        }
    }
}
