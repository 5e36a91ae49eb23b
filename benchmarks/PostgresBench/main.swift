// Loads N position rows through the client's COPY FROM STDIN BINARY and prints the timing.
// scripts/bench/postgres.sh runs it next to psql's \copy of the same rows from CSV.
//
// Usage: PostgresBench --table NAME [--rows N]   (database from FIELDOPS_POSTGRES_URL)
import FieldOpsCore
import Foundation
import Postgres
import Telemetry

/// The rows, defined once so the CSV made by the script's SQL holds exactly the same values:
/// id = i, device = 'device-' || i % 5000, lat = 45 + (i % 10000) / 10000, lon = 4 + (i % 7000) / 10000,
/// recorded_at = 2026-01-01T00:00:00Z + i seconds. Every float is one correctly rounded IEEE
/// operation on both sides, so the values are bit-identical.
struct PositionRows {
    static let start = Date(timeIntervalSince1970: 1_767_225_600)

    static func row(_ i: Int) -> (Int, String, Double, Double, Date) {
        (i, "device-\(i % 5000)", 45 + Double(i % 10000) / 10000, 4 + Double(i % 7000) / 10000,
         start.addingTimeInterval(Double(i)))
    }
}

func argument(_ name: String) -> String? {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

let logger = Logger(label: "postgres-bench", level: .warning)
guard let table = argument("--table") else {
    logger.error("usage: PostgresBench --table NAME [--rows N]")
    exit(2)
}
let rowCount = Int(argument("--rows") ?? "1000000") ?? 1_000_000

do {
    let configuration = try PostgresConfiguration(environment: .process())
    let connection = try await PostgresConnection.connect(configuration: configuration, logger: logger)
    let clock = ContinuousClock()
    let began = clock.now
    let stored = try await connection.copyIn(table: table, columns: ["id", "device", "lat", "lon", "recorded_at"]) { writer in
        for i in 1...rowCount {
            let (id, device, lat, lon, recordedAt) = PositionRows.row(i)
            try await writer.append(id, device, lat, lon, recordedAt)
        }
    }
    let elapsed = clock.now - began
    await connection.close()
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    print("swift_copy_binary rows=\(stored) seconds=\(String(format: "%.3f", seconds)) rows_per_s=\(Int(Double(stored) / seconds))")
} catch {
    logger.error("benchmark failed", ["error": "\(error)"])
    exit(1)
}
