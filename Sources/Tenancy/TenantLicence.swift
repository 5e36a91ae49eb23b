#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What a tenant paid for: user seats, enabled modules, numeric limits and an end date.
public struct TenantLicence: Sendable, Equatable {
    public var seats: Int
    public var modules: [String]
    /// Named limits, e.g. `"photos_per_month": 10000`.
    public var limits: [String: Int64]
    public var expiresAt: Date?

    public init(seats: Int = 10, modules: [String] = [], limits: [String: Int64] = [:], expiresAt: Date? = nil) {
        self.seats = seats
        self.modules = modules
        self.limits = limits
        self.expiresAt = expiresAt
    }

    func validated() throws(TenancyError) -> TenantLicence {
        guard seats >= 0 else { throw TenancyError(code: .invalidInput, message: "seats must not be negative (got \(seats))") }
        for module in modules where module.isEmpty || module.count > 64 || module.contains(where: { $0.isWhitespace || $0 == "," }) {
            throw TenancyError(code: .invalidInput, message: "invalid module name '\(module)'")
        }
        return self
    }
}
