/// A timestamp as JSON carries it: a number (epoch seconds or milliseconds) or a string (any form
/// `FixTime` reads).
enum TimestampValue: Decodable, Sendable {
    case number(Double)
    case text(String)

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else {
            self = .text(try container.decode(String.self))
        }
    }

    func milliseconds(field: String) throws(PositionInputError) -> Int64 {
        let parsed: Int64? = switch self {
        case .number(let value): value.isFinite ? FixTime.parse(String(format: value)) : nil
        case .text(let text): FixTime.parse(text)
        }
        guard let parsed else {
            throw PositionInputError(field: field, reason: "must be epoch seconds or milliseconds, or an ISO-8601 time")
        }
        return parsed
    }
}

extension String {
    /// A non-negative number as plain decimal digits (no exponent), the form `FixTime` reads.
    fileprivate init(format value: Double) {
        self = value >= 0 && value < 1e15 ? (value == value.rounded() ? String(Int64(value)) : String(value)) : "-"
    }
}
