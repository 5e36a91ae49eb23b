import Foundation
import Notifications
import Testing

@Suite("Strategic alert rules")
struct AlertRulesTests {
    /// Friday 2026-12-04 22:30 UTC.
    static let now = Date(timeIntervalSince1970: 1_796_423_400)
    static let day: TimeInterval = 86_400

    @Test("each rule fires on its condition and not otherwise")
    func rules() {
        let facts = AlertFacts(
            interventions: [
                .init(id: "late", title: "Raccordement", siteName: "Lyon", slaDueAt: Self.now.addingTimeInterval(-600)),
                .init(id: "on-time", title: "Pose", siteName: "Lyon", slaDueAt: Self.now.addingTimeInterval(600)),
                .init(id: "done", title: "Pose", siteName: "Lyon", slaDueAt: Self.now.addingTimeInterval(-600), completedAt: Self.now),
            ],
            budgets: [
                .init(siteID: "over", siteName: "Gare", budget: 100_000, spent: 111_000),
                .init(siteID: "within", siteName: "Pont", budget: 100_000, spent: 109_000),
            ],
            stock: [.init(material: "CABLE-3G2.5", location: "Dépôt Nord", quantity: 40, minimum: 50), .init(material: "GAINE", location: "Dépôt Nord", quantity: 60, minimum: 50)],
            maintenance: [.init(assetID: "soon", assetName: "Nacelle", dueOn: Self.now.addingTimeInterval(3 * Self.day)), .init(assetID: "later", assetName: "Grue", dueOn: Self.now.addingTimeInterval(30 * Self.day))],
            certifications: [.init(personID: "p1", personName: "Léa", name: "CACES R486", expiresOn: Self.now.addingTimeInterval(10 * Self.day))],
            vehicleMovements: [
                // 23:30 Paris on a Friday: outside 07:00–19:00.
                .init(vehicleID: "night", plate: "AB-123-CD", movedAt: Self.now, timeZone: "Europe/Paris", workdayStart: 420, workdayEnd: 1140),
                // 17:30 in New York: inside.
                .init(vehicleID: "day", plate: "EF-456-GH", movedAt: Self.now, timeZone: "America/New_York", workdayStart: 420, workdayEnd: 1140),
            ]
        )
        let keys = Set(AlertRules.conditions(in: facts, now: Self.now).map(\.key))
        #expect(keys == [
            "intervention_late:late", "budget_overrun:over", "low_stock:CABLE-3G2.5@Dépôt Nord", "maintenance_due:soon",
            "certification_expiring:p1:CACES R486", "vehicle_outside_working_hours:night",
        ])
    }

    @Test("a weekend move is outside working hours even at noon")
    func weekend() {
        // Saturday 2026-12-05 11:00 UTC = 12:00 Paris.
        let saturdayNoon = Date(timeIntervalSince1970: 1_796_468_400)
        let facts = AlertFacts(vehicleMovements: [.init(vehicleID: "v", plate: "P", movedAt: saturdayNoon, timeZone: "Europe/Paris", workdayStart: 420, workdayEnd: 1140)])
        #expect(AlertRules.conditions(in: facts, now: saturdayNoon).map(\.rule) == [.vehicleOutsideWorkingHours])
    }

    @Test("one alert per condition until it clears, then it may alert again; unevaluated rules never clear")
    func transitions() {
        let late = AlertFacts(interventions: [.init(id: "i1", title: "T", siteName: "S", slaDueAt: Self.now.addingTimeInterval(-60))])
        let holding = AlertRules.conditions(in: late, now: Self.now)
        let first = AlertTransitions(open: [], holding: holding, evaluatedRules: late.evaluatedRules)
        #expect(first.raised.map(\.key) == ["intervention_late:i1"])
        let open = Set(first.raised.map(\.key))
        let second = AlertTransitions(open: open, holding: holding, evaluatedRules: late.evaluatedRules)
        #expect(second.raised.isEmpty && second.cleared.isEmpty)
        // A stock-only snapshot says nothing about interventions.
        let stockOnly = AlertFacts(stock: [])
        #expect(AlertTransitions(open: open, holding: [], evaluatedRules: stockOnly.evaluatedRules).cleared.isEmpty)
        let finished = AlertFacts(interventions: [])
        let cleared = AlertTransitions(open: open, holding: [], evaluatedRules: finished.evaluatedRules)
        #expect(cleared.cleared == ["intervention_late:i1"])
        #expect(AlertTransitions(open: [], holding: holding, evaluatedRules: late.evaluatedRules).raised.count == 1)
    }
}
