/// What a resource field holds, how a request may spell it, and the PostgreSQL type it is cast to
/// when it filters a list.
public indirect enum FieldType: Sendable {
    /// Text of 1 to `maxLength` characters (0 allowed when `allowsEmpty`).
    case text(maxLength: Int, allowsEmpty: Bool = false)
    case email
    case uuid
    case integer(ClosedRange<Int64>)
    /// A JSON number within range (money, quantities, coordinates).
    case number(ClosedRange<Double>)
    case boolean
    /// `YYYY-MM-DD`.
    case date
    /// ISO 8601 with a time zone: `2026-12-04T08:30:00Z`, `…+01:00`, fractional seconds allowed.
    case timestamp
    case enumeration([String])
    /// A list of short codes (required skills).
    case codes(maxCount: Int)
    /// `{"radius_m": 150}` or `{"polygon": [[lat, lon], …]}`.
    case geofence
    /// Purchase-order lines: `[{"material": "…", "quantity": 3, "unit_price": 12.5}]`.
    case orderLines

    /// The PostgreSQL type an equality filter casts its text value to.
    var postgresType: String {
        switch self {
        case .uuid: "uuid"
        case .integer: "bigint"
        case .number: "double precision"
        case .boolean: "boolean"
        case .date: "date"
        case .timestamp: "timestamptz"
        case .text, .email, .enumeration, .codes, .geofence, .orderLines: "text"
        }
    }
}
