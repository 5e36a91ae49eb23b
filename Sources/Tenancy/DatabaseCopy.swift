import FieldOpsCore
import Foundation
import Postgres

/// Copies or archives one database with PostgreSQL's own tools. A copy is: `pg_dump` in the custom format to
/// a private temporary file, then `pg_restore` as the tenant's role, so every object belongs to it
/// on the new server as on the old. Passwords travel in the environment, never on the command line.
enum DatabaseCopy {
    static func copy(database: String, from source: DatabaseServer, to target: DatabaseServer, role: String) async throws {
        let dump = FileManager.default.temporaryDirectory.appendingPathComponent("fieldops-move-\(UUID.random().uuidString).dump").path
        try createPrivateFile(dump)
        defer { try? FileManager.default.removeItem(atPath: dump) }
        try await run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", "--file=\(dump)", "--dbname=\(database)"], on: source)
        try await run("pg_restore", ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", "--role=\(role)", "--dbname=\(database)", dump], on: target)
    }

    /// The whole database as a `pg_dump` custom-format archive at `path` (created 0600), then read back
    /// with `pg_restore --list` so a truncated archive is caught before anything is deleted.
    static func archive(database: String, on server: DatabaseServer, to path: String) async throws {
        try createPrivateFile(path)
        try await run("pg_dump", ["--format=custom", "--file=\(path)", "--dbname=\(database)"], on: server)
        try await run("pg_restore", ["--list", path], on: server)
    }

    /// An empty file only its owner can read: a dump holds every row of the tenant.
    private static func createPrivateFile(_ path: String) throws(TenancyError) {
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw TenancyError(code: .stepFailed, message: "cannot create \(path)")
        }
    }

    private static func run(_ tool: String, _ arguments: [String], on server: DatabaseServer) async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool, "--host=\(server.admin.host)", "--port=\(server.admin.port)", "--username=\(server.admin.user)"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["PGPASSWORD"] = server.admin.password
        environment["PGCONNECT_TIMEOUT"] = "10"
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: TenancyError(code: .stepFailed, message: "\(tool) could not start: \(error)"))
            }
        }
        guard status == 0 else {
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw TenancyError(code: .stepFailed, message: "\(tool) on \(server.name) exited \(status): \(message.prefix(2_000))")
        }
    }
}
