import FieldOpsCore

/// Every failure of tenant provisioning and of the tenant database registry: one struct, with a
/// `Code` to switch on. Messages never hold a password.
public struct TenancyError: Error, CustomStringConvertible, Sendable {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String

        private init(_ name: String) {
            self.name = name
        }

        public var description: String { name }

        /// A slug, sector, e-mail or licence value is not acceptable.
        public static let invalidInput = Code("invalidInput")
        /// No tenant has this slug.
        public static let unknownTenant = Code("unknownTenant")
        /// The tenant is suspended: its database must not be used.
        public static let tenantSuspended = Code("tenantSuspended")
        /// The tenant is still being provisioned or is being deleted.
        public static let tenantUnavailable = Code("tenantUnavailable")
        /// The named server is not configured, or no active server has room.
        public static let noServer = Code("noServer")
        /// The request contradicts what exists (another sector for the same slug, a foreign database).
        public static let conflict = Code("conflict")
        /// A provisioning step failed; the tenant stays `provisioning` and a rerun resumes.
        public static let stepFailed = Code("stepFailed")
        /// A sealed secret cannot be opened with the configured key.
        public static let secretUnreadable = Code("secretUnreadable")
        /// A configuration value is missing or invalid.
        public static let invalidConfiguration = Code("invalidConfiguration")
    }

    public var code: Code
    public var message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "TenancyError.\(code): \(message)" }
}

extension TenancyError: RetryAdvice {
    /// A tenant that does not exist (deleted, abandoned, never provisioned) will not come back for a
    /// message that names it; a suspended or still-provisioning one may.
    public var retryCannotHelp: Bool { code == .unknownTenant }
}
