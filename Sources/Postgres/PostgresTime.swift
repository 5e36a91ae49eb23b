#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `Date` is sent as `timestamptz` and read from `timestamptz`, `timestamp` (taken as UTC) and `date`
/// (midnight UTC). PostgreSQL counts from 2000-01-01 UTC: microseconds for timestamps, days for dates.
extension Date: PostgresEncodable, PostgresDecodable, PostgresArrayElement {
    private static let postgresEpoch: TimeInterval = 946_684_800
    private static let microsecondsPerSecond: Double = 1_000_000
    private static let secondsPerDay: Double = 86_400

    public static var postgresDataType: PostgresDataType { .timestamptz }
    public static var postgresArrayDataType: PostgresDataType { .timestamptzArray }

    public func encode(into buffer: inout PostgresBinaryBuffer) {
        let seconds = timeIntervalSince1970 - Self.postgresEpoch
        buffer.writeInteger(Int64((seconds * Self.microsecondsPerSecond).rounded()))
    }

    public static func decode(from reader: inout PostgresBinaryReader, type: PostgresDataType) throws(PostgresDecodingFailure) -> Date {
        switch type {
        case .timestamptz, .timestamp:
            let microseconds = try reader.readInteger(as: Int64.self)
            // PostgreSQL stores 'infinity' and '-infinity' as the extreme integers.
            if microseconds == .max { return .distantFuture }
            if microseconds == .min { return .distantPast }
            return Date(timeIntervalSince1970: Self.postgresEpoch + Double(microseconds) / Self.microsecondsPerSecond)
        case .date:
            let days = try reader.readInteger(as: Int32.self)
            if days == .max { return .distantFuture }
            if days == .min { return .distantPast }
            return Date(timeIntervalSince1970: Self.postgresEpoch + Double(days) * Self.secondsPerDay)
        default:
            throw .typeMismatch
        }
    }
}
