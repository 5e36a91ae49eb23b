import BlobStore
import FieldOpsCore
import Reports

/// The reports worker's settings, read once from the environment.
public struct ReportsWorkerConfiguration: Sendable {
    public var reports: ReportSettings
    public var blobs: BlobStoreConfiguration
    /// Where files are rendered before they are stored (`FIELDOPS_REPORTS_WORK_DIR`, default /tmp).
    public var workDirectory: String

    public init(reports: ReportSettings = ReportSettings(), blobs: BlobStoreConfiguration, workDirectory: String = "/tmp") {
        self.reports = reports
        self.blobs = blobs
        self.workDirectory = workDirectory
    }

    public init(environment: Environment) throws {
        self.init(
            reports: try ReportSettings(environment: environment), blobs: try BlobStoreConfiguration(environment: environment),
            workDirectory: environment.string("FIELDOPS_REPORTS_WORK_DIR", default: "/tmp")
        )
    }
}
