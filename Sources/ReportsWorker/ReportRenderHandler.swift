import BlobStore
import Commands
import FieldOpsCore
import Foundation
import Mesh
import Postgres
import ReportRendering
import Reports
import Telemetry
import Tenancy

/// Handles `report.render.v1`: builds the document from the tenant's database in one
/// repeatable-read transaction (its cursors stream the big tables), renders it to a file, stores
/// the file under a key derived from the job, and returns where it is.
///
/// Idempotent: the file is stored first and the record beside it last, so a redelivery that finds
/// the record returns it without rendering again; one that does not simply renders again over the
/// same key. Either way `report.ready` is announced (when a publisher is given) under a message id
/// derived from the job, so the requester is notified once.
public struct ReportRenderHandler: MessageHandler {
    /// Publishes an event on `fieldops.events` with the given message id.
    public typealias Announce = @Sendable (ReportReadyEvent, _ tenant: String, _ trace: TraceContext) async throws -> Void

    private let tenants: TenantDatabases
    private let controlPlane: PostgresPool
    private let blobs: any BlobStore
    private let configuration: ReportsWorkerConfiguration
    private let announce: Announce?

    public init(
        tenants: TenantDatabases, controlPlane: PostgresPool, blobs: any BlobStore, configuration: ReportsWorkerConfiguration,
        announce: Announce? = nil
    ) {
        self.tenants = tenants
        self.controlPlane = controlPlane
        self.blobs = blobs
        self.configuration = configuration
        self.announce = announce
    }

    public func handle(_ command: ReportRenderCommand, context: MessageContext) async throws -> ReportFile {
        let job = (context.jobID?.uuidString ?? context.messageID).lowercased()
        let key = try ReportFile.key(tenant: context.tenant, job: job, command: command)
        let recordKey = try ReportFile.recordKey(tenant: context.tenant, job: job)
        if await (try? blobs.head(recordKey)) != nil, let done = try? JSONDecoder().decode(ReportFile.self, from: Data(try await blobs.get(recordKey))) {
            context.logger.info("report already rendered", ["blob.key": key.value])
            try await announceReady(done, job: job, context: context)
            return done
        }
        let tenantName = try await controlPlane.query("SELECT name FROM tenants WHERE slug = \(context.tenant)").first?.decode(String.self, at: 0)
            ?? context.tenant
        let pool: PostgresPool
        do {
            pool = try await tenants.pool(for: context.tenant)
        } catch let error as TenancyError where error.code == .unknownTenant || error.code == .tenantSuspended {
            throw ReportRejected(reason: error.description)
        }
        let path = "\(configuration.workDirectory)/report-\(UUID.random().uuidString.lowercased()).\(command.format.rawValue)"
        defer { unlink(path) }
        let rendered: RenderedReport
        do {
            rendered = try await pool.withTransaction(isolation: .repeatableRead) { connection in
                let reportContext = ReportContext(command: command, tenantName: tenantName, settings: configuration.reports, connection: connection)
                let document = try await ReportComposer().document(for: reportContext)
                return try await Self.render(document, format: command.format, to: path)
            }
        } catch let error as ReportError {
            throw ReportRejected(reason: error.description)
        }
        let contentType = ReportFile.contentType(for: command.format)
        let stored = try await blobs.put(file: path, key: key, contentType: contentType)
        let file = ReportFile(
            blobKey: key.value, sizeBytes: stored.size, contentType: contentType, fileName: ReportFile.fileName(for: command),
            pages: rendered.pages, rows: rendered.rows
        )
        _ = try await blobs.put(bytes: Array(try JSONEncoder().encode(file)), key: recordKey, contentType: "application/json")
        context.logger.info("report rendered", ["blob.key": key.value, "report.rows": "\(rendered.rows)", "report.bytes": "\(stored.size)"])
        do {
            try await TenantUsage(controlPlane: controlPlane).add([.reports: 1, .storageBytes: stored.size], to: .slug(context.tenant))
        } catch {
            // Metering must not fail a rendered report; the miss is logged.
            context.logger.error("usage not counted", ["error": "\(error)"])
        }
        try await announceReady(file, job: job, context: context)
        return file
    }

    /// `report.ready` for whoever submitted the job (a report scheduled by the platform notifies nobody).
    private func announceReady(_ file: ReportFile, job: String, context: MessageContext) async throws {
        guard let announce, let jobID = UUID(uuidString: job) else { return }
        let requester = try await controlPlane.query("SELECT submitted_by FROM jobs WHERE id = \(jobID)").first?.decode(String.self, at: 0)
        guard let requester, requester != ReportRenderCommand.scheduledSubmitter else { return }
        try await announce(ReportReadyEvent(jobID: job, requestedBy: requester, reportName: file.fileName), context.tenant, context.trace.child())
    }

    static func render(_ document: ReportDocument, format: ReportRenderCommand.Format, to path: String) async throws -> RenderedReport {
        switch format {
        case .pdf: try await PDFRenderer().render(document, to: path)
        case .xlsx: try await XLSXWriter().write(document, to: path)
        case .csv: try await CSVWriter().write(document, to: path)
        }
    }
}

/// A report that can never be made (no such tenant, site or intervention): parked with the reason.
public struct ReportRejected: PermanentFailure, CustomStringConvertible {
    public let reason: String

    public var description: String { reason }
}
