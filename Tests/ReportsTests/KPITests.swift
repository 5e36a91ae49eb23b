import Foundation
import KPIs
import Postgres
import TestSupport
import Testing

@Suite("KPIs", .timeLimit(.minutes(2)))
struct KPITests {
    @Test func theSnapshotMatchesTheSeededHistory() async throws {
        try await ReportsFixture.run { fixture in
            let snapshot = try await fixture.pool.withConnection {
                try await KPICalculator().snapshot(from: "2026-11-16", to: "2026-11-17", siteID: nil, on: $0)
            }
            #expect(snapshot.productivity.interventionsDone == 2)
            #expect(snapshot.productivity.technicianDays == 3)
            #expect(snapshot.productivity.plannedMinutes == 360)
            #expect(abs(snapshot.productivity.actualMinutes - 420) < 0.001)
            #expect(abs(snapshot.productivity.hoursWorked - 19.25) < 0.001)
            #expect(snapshot.delays.interventionsDue == 3)
            #expect(snapshot.delays.interventionsLate == 2)
            #expect(snapshot.delays.milestonesDue == 2 && snapshot.delays.milestonesLate == 1)
            #expect(abs(snapshot.costs.labour - 738.50) < 0.001)
            #expect(abs(snapshot.costs.materials - 855.90) < 0.001)
            let bySite = Dictionary(uniqueKeysWithValues: snapshot.projects.map { ($0.code, $0) })
            #expect(bySite["CH-001"]?.health == .onTrack)
            #expect(abs((bySite["CH-001"]?.actualCost ?? 0) - 1339.85) < 0.001)
            #expect(bySite["CH-002"]?.health == .overBudget)
            #expect(snapshot.consolidated.sites == 2 && snapshot.consolidated.overBudgetSites == 1)
            #expect(abs(snapshot.consolidated.actualCost - 1594.40) < 0.001)
        }
    }

    @Test func oneSiteOnlyCountsThatSite() async throws {
        try await ReportsFixture.run { fixture in
            let site = try #require(UUID(uuidString: try await fixture.id("SELECT id FROM sites WHERE code = 'CH-002'")))
            let snapshot = try await fixture.pool.withConnection {
                try await KPICalculator().snapshot(from: "2026-11-16", to: "2026-11-17", siteID: site, on: $0)
            }
            #expect(snapshot.productivity.interventionsDone == 1)
            #expect(abs(snapshot.costs.labour - 218.75) < 0.001)
            #expect(snapshot.projects.map(\.code) == ["CH-002"])
        }
    }

    @Test func profitabilityFlagsSpendingAheadOfProgress() {
        let atRisk = ProjectProfitability(siteID: "a", code: "A", name: "A", status: "active", budget: 1000, labourCost: 500, materialCost: 100, progress: 0.4)
        #expect(atRisk.health == .atRisk)
        #expect(atRisk.remaining == 400)
        let onTrack = ProjectProfitability(siteID: "b", code: "B", name: "B", status: "active", budget: 1000, labourCost: 300, materialCost: 100, progress: 0.4)
        #expect(onTrack.health == .onTrack)
        let noBudget = ProjectProfitability(siteID: "c", code: "C", name: "C", status: "planned", budget: 0, labourCost: 10, materialCost: 0, progress: 0)
        #expect(noBudget.consumedRatio == nil && noBudget.health == .onTrack)
        let all = ProjectProfitability.consolidate([atRisk, onTrack, noBudget])
        #expect(all.budget == 2000 && all.actualCost == 1010 && all.activeSites == 2 && all.overBudgetSites == 0)
    }
}
