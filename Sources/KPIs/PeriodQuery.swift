import Foundation
import Postgres

/// Queries over a period and an optional site: they start with
/// `WITH period AS (SELECT from_day, to_day, site_id[, extra])` bound as `$1…$4`, then the
/// clocked-time CTEs, then the caller's CTEs and SELECT, which read the period by name.
public struct PeriodQuery: Sendable {
    public let from: String
    public let to: String
    public let siteID: UUID?

    public init(from: String, to: String, siteID: UUID?) {
        self.from = from
        self.to = to
        self.siteID = siteID
    }

    /// A parameter of one report (the overtime threshold, the VAT rate), exposed as `period.<name>`.
    public struct Extra: Sendable {
        let name: String
        let sqlType: String
        let value: any PostgresEncodable

        public init(name: String, sqlType: String, value: any PostgresEncodable) {
            self.name = name
            self.sqlType = sqlType
            self.value = value
        }
    }

    /// `body` follows the clocked-time CTEs: it starts with `, more_cte AS (…)` or with `SELECT`.
    public func query(_ body: String, extra: Extra? = nil) -> PostgresQuery {
        var bindings = PostgresBindings()
        bindings.append(from)
        bindings.append(to)
        bindings.append(siteID)
        var columns = "$1::date AS from_day, $2::date AS to_day, $3::uuid AS site_id"
        if let extra {
            bindings.append(extra.value)
            columns += ", $4::\(extra.sqlType) AS \(extra.name)"
        }
        return PostgresQuery(unsafeSQL: "WITH period AS (SELECT \(columns)),\n" + ClockedTimeSQL.clockedDays + "\n" + body, bindings: bindings)
    }
}
