import Commands
import Domain
import FieldOpsCore
import Foundation
import HTTPServer
import KPIs
import Redis
import Tenancy

/// `GET /v1/kpis[?site_id=&from=&to=]`: productivity, delays, costs and profitability per project
/// from the tenant's database, for the last 30 days unless a period is given. Answers are cached in
/// Redis for a minute per tenant, site and period: dashboards poll, the database need not answer each.
struct KPIRoutes {
    let tenants: TenantDatabases
    let cache: RedisCache
    let guarding: APIGuard

    static let cacheLifetime: Duration = .seconds(60)
    static let defaultPeriodDays = 30

    func register(in router: inout Router) {
        router.get("/v1/kpis", guarding.protect(Permission(.reports, .read)) { [tenants, cache] request, claims in
            guard let tenant = claims.tenant else { throw HTTPError(status: 403, detail: "KPIs belong to a tenant; use a tenant user's token.") }
            let (from, to) = try Self.period(from: request.query("from"), to: request.query("to"))
            let siteID = try request.query("site_id").map { text in
                guard let id = UUID(uuidString: text) else { throw HTTPError.notFound("No such site.") }
                return id
            }
            let pool = try await tenants.pool(for: tenant)
            if let siteID, try await pool.query("SELECT 1 FROM sites WHERE id = \(siteID)").isEmpty {
                throw HTTPError.notFound("No such site.")
            }
            let key = "kpi:\(tenant):\(siteID?.uuidString.lowercased() ?? "all"):\(from):\(to)"
            let snapshot = try await cache.getOrSet(key, ttl: Self.cacheLifetime) {
                try await pool.withConnection { try await KPICalculator().snapshot(from: from, to: to, siteID: siteID, on: $0) }
            }
            return try .json(snapshot)
        })
    }

    /// The requested period, or the 30 days up to today (UTC); at most 366 days.
    static func period(from: String?, to: String?) throws -> (String, String) {
        let today = CalendarDay(String(ISO8601DateFormatter().string(from: Date()).prefix(10)))!
        guard let end = to.map(CalendarDay.init) ?? today else { throw HTTPError.badRequest("to must be a date YYYY-MM-DD.") }
        let defaultStart = CalendarDay(String(ISO8601DateFormatter().string(from: Date() - Double(defaultPeriodDays) * 86_400).prefix(10)))!
        guard let start = from.map(CalendarDay.init) ?? defaultStart else { throw HTTPError.badRequest("from must be a date YYYY-MM-DD.") }
        guard start <= end, start.distance(to: end) <= 366 else { throw HTTPError.badRequest("from must not be after to, and the period is at most 366 days.") }
        return (text(start), text(end))
    }

    private static func text(_ day: CalendarDay) -> String {
        String(format: "%04d-%02d-%02d", day.year, day.month, day.day)
    }
}
