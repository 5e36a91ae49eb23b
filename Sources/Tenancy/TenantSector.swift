/// The trade of a tenant; it decides the reference data its database starts with.
public enum TenantSector: String, Sendable, CaseIterable, Codable {
    case btp
    case electrical
    case publicWorks = "public_works"

    public init(validating text: String) throws(TenancyError) {
        guard let sector = TenantSector(rawValue: text) else {
            throw TenancyError(
                code: .invalidInput, message: "unknown sector '\(text)': one of \(Self.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        self = sector
    }
}
