/// Why a report cannot be made; retrying does not help.
public enum ReportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The site or intervention is not in this tenant's database.
    case notFound(String)

    public var description: String {
        switch self {
        case .notFound(let what): "\(what) does not exist in this tenant"
        }
    }
}
