import Commands
import Foundation
import Postgres
import ReportScheduling
import TestSupport
import Testing

@Suite("Report schedule", .timeLimit(.minutes(2)))
struct ReportScheduleTests {
    static func day(_ text: String) -> Date {
        ISO8601DateFormatter().date(from: text + "T10:30:00Z")!
    }

    @Test func eachCadenceCoversThePreviousPeriod() {
        #expect(ReportCadence.daily.period(endingBefore: Self.day("2026-03-01")) == ("2026-02-28", "2026-02-28"))
        // 2026-12-02 is a Wednesday: the previous week is Monday 23 – Sunday 29 November.
        #expect(ReportCadence.weekly.period(endingBefore: Self.day("2026-12-02")) == ("2026-11-23", "2026-11-29"))
        #expect(ReportCadence.monthly.period(endingBefore: Self.day("2026-03-15")) == ("2026-02-01", "2026-02-28"))
        #expect(ReportCadence.monthly.period(endingBefore: Self.day("2026-01-01")) == ("2025-12-01", "2025-12-31"))
    }

    @Test func scheduledJobIdsAreDerivedFromTenantReportAndPeriod() {
        let command = ReportRenderCommand(report: .weekly, format: .pdf, from: "2026-11-23", to: "2026-11-29")
        let id = ReportCadence.jobID(tenant: "acme", command: command)
        #expect(id == ReportCadence.jobID(tenant: "acme", command: command))
        #expect(id != ReportCadence.jobID(tenant: "other", command: command))
        #expect(id != ReportCadence.jobID(tenant: "acme", command: ReportRenderCommand(report: .weekly, format: .pdf, from: "2026-11-30", to: "2026-12-06")))
        #expect(id.uuidString.dropFirst(14).first == "5")
        let commands = ReportCadence.weekly.commands(endingBefore: Self.day("2026-12-02"), activeSites: [])
        #expect(commands.map(\.report) == [.weekly, .timesheet, .invoice])
        #expect(commands.allSatisfy { (try? $0.validate()) != nil })
    }

    @Test func runningTheScheduleTwiceSubmitsEachReportOnce() async throws {
        try await ReportsFixture.run { fixture in
            let broker = try await TestServices.amqpConnection(name: "report-schedule-tests")
            let scheduler = ReportScheduler(controlPlane: fixture.controlPlane, tenants: fixture.tenants, broker: broker, logger: TestServices.logger)
            let today = Self.day("2026-11-17")
            let first = try await scheduler.run(.daily, today: today, tenant: fixture.slug)
            let second = try await scheduler.run(.daily, today: today, tenant: fixture.slug)
            await broker.close()
            #expect(first.failures.isEmpty && second.failures.isEmpty)
            #expect(first.submitted.count == 2)  // CH-001 and CH-002 are active
            #expect(second.submitted.isEmpty)
            #expect(Set(second.existing) == Set(first.submitted))
            let jobs = try await fixture.controlPlane.query("""
                SELECT count(*), count(DISTINCT payload->>'site_id') FROM jobs WHERE tenant = \(fixture.slug) AND submitted_by = 'scheduler'
                """).first!.decode((Int, Int).self)
            #expect(jobs == (2, 2))
            try await fixture.controlPlane.query("DELETE FROM jobs WHERE tenant = \(fixture.slug)")
        }
    }
}
