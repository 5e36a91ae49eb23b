import Foundation

/// The strategic alert rules: pure functions from a snapshot of facts to the conditions that hold.
public enum AlertRules {
    public static func conditions(in facts: AlertFacts, now: Date, thresholds: AlertThresholds = AlertThresholds()) -> [AlertCondition] {
        var found: [AlertCondition] = []
        for intervention in facts.interventions ?? [] where intervention.completedAt == nil && intervention.slaDueAt < now {
            let minutes = Int(now.timeIntervalSince(intervention.slaDueAt) / 60)
            found.append(AlertCondition(rule: .interventionLate, subjectID: intervention.id, priority: .high, values: [
                "alert_title": "\(intervention.title) (\(intervention.siteName))",
                "alert_detail": "SLA dépassé de \(minutes) min / SLA exceeded by \(minutes) min",
            ]))
        }
        for budget in facts.budgets ?? [] where budget.spent > budget.budget * (1 + thresholds.budgetOverrunRatio) {
            let percent = budget.budget > 0 ? Int(((budget.spent / budget.budget) - 1) * 100) : 100
            found.append(AlertCondition(rule: .budgetOverrun, subjectID: budget.siteID, priority: .high, values: [
                "alert_title": budget.siteName,
                "alert_detail": "\(format(budget.spent)) / \(format(budget.budget)) (+\(percent) %)",
            ]))
        }
        for stock in facts.stock ?? [] where stock.quantity < stock.minimum {
            found.append(AlertCondition(rule: .lowStock, subjectID: "\(stock.material)@\(stock.location)", priority: .normal, values: [
                "alert_title": "\(stock.material) — \(stock.location)",
                "alert_detail": "\(format(stock.quantity)) < \(format(stock.minimum))",
            ]))
        }
        let maintenanceHorizon = now.addingTimeInterval(Double(thresholds.maintenanceLeadDays) * 86_400)
        for item in facts.maintenance ?? [] where item.dueOn <= maintenanceHorizon {
            found.append(AlertCondition(rule: .maintenanceDue, subjectID: item.assetID, priority: item.dueOn < now ? .high : .normal, values: [
                "alert_title": item.assetName, "alert_detail": day(item.dueOn),
            ]))
        }
        let certificationHorizon = now.addingTimeInterval(Double(thresholds.certificationLeadDays) * 86_400)
        for certification in facts.certifications ?? [] where certification.expiresOn <= certificationHorizon {
            found.append(AlertCondition(
                rule: .certificationExpiring, subjectID: "\(certification.personID):\(certification.name)",
                priority: certification.expiresOn < now ? .high : .normal,
                values: ["alert_title": "\(certification.personName) — \(certification.name)", "alert_detail": day(certification.expiresOn)]
            ))
        }
        for movement in facts.vehicleMovements ?? [] where isOutsideWorkingHours(movement) {
            found.append(AlertCondition(rule: .vehicleOutsideWorkingHours, subjectID: movement.vehicleID, priority: .critical, values: [
                "alert_title": movement.plate, "alert_detail": movement.movedAt.formatted(.iso8601),
            ]))
        }
        return found.map { condition in
            var values = condition.values
            values["alert_rule"] = condition.rule.rawValue
            return AlertCondition(rule: condition.rule, subjectID: condition.subjectID, priority: condition.priority, values: values)
        }
    }

    static func isOutsideWorkingHours(_ movement: AlertFacts.VehicleMovement) -> Bool {
        let calendar = Calendar.local(timeZone: movement.timeZone)
        // Calendar weekdays count from Sunday = 1; ISO weekdays from Monday = 1.
        let isoWeekday = (calendar.component(.weekday, from: movement.movedAt) + 5) % 7 + 1
        let minute = calendar.minuteOfDay(movement.movedAt)
        return !movement.workdays.contains(isoWeekday) || minute < movement.workdayStart || minute >= movement.workdayEnd
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value)
    }

    private static func day(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day())
    }
}
