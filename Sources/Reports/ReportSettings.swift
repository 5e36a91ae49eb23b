#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import FieldOpsCore

/// The rules reports apply, read once from the environment.
public struct ReportSettings: Sendable, Equatable {
    /// Worked hours per day beyond which a timesheet counts overtime.
    public var overtimeAfterHoursPerDay: Double
    /// VAT applied by the invoice-ready export (0.20 = 20 %).
    public var vatRate: Decimal
    /// Rows fetched per round trip from a server-side cursor.
    public var cursorBatchSize: Int

    public init(overtimeAfterHoursPerDay: Double = 7, vatRate: Decimal = Decimal(string: "0.20")!, cursorBatchSize: Int = 1000) {
        self.overtimeAfterHoursPerDay = overtimeAfterHoursPerDay
        self.vatRate = vatRate
        self.cursorBatchSize = cursorBatchSize
    }

    /// `FIELDOPS_REPORTS_OVERTIME_AFTER_HOURS` (default 7), `FIELDOPS_REPORTS_VAT_PERCENT` (default 20),
    /// `FIELDOPS_REPORTS_CURSOR_BATCH` (default 1000).
    public init(environment: Environment) throws(ConfigurationError) {
        let overtimeText = environment.string("FIELDOPS_REPORTS_OVERTIME_AFTER_HOURS", default: "7")
        guard let overtime = Double(overtimeText), (0...24).contains(overtime) else {
            throw ConfigurationError(variable: "FIELDOPS_REPORTS_OVERTIME_AFTER_HOURS", value: overtimeText, expected: "hours between 0 and 24")
        }
        let vatText = environment.string("FIELDOPS_REPORTS_VAT_PERCENT", default: "20")
        guard let vatPercent = Decimal(string: vatText), vatPercent >= 0, vatPercent <= 100 else {
            throw ConfigurationError(variable: "FIELDOPS_REPORTS_VAT_PERCENT", value: vatText, expected: "a percentage between 0 and 100")
        }
        let batch = try environment.int("FIELDOPS_REPORTS_CURSOR_BATCH", default: 1000)
        guard (1...100_000).contains(batch) else {
            throw ConfigurationError(variable: "FIELDOPS_REPORTS_CURSOR_BATCH", value: "\(batch)", expected: "1 to 100000 rows")
        }
        self.init(overtimeAfterHoursPerDay: overtime, vatRate: vatPercent / 100, cursorBatchSize: batch)
    }
}
