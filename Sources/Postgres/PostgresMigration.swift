import FieldOpsCrypto
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One schema change: a version (its order), a name, and the SQL that applies it.
///
/// The SQL runs inside a transaction, so statements that refuse one (`CREATE INDEX CONCURRENTLY`)
/// do not belong in a migration.
public struct PostgresMigration: Sendable, Equatable {
    public let version: Int64
    public let name: String
    public let sql: String
    /// SHA-256 of the SQL text, recorded when applied to detect later edits.
    public let checksum: String

    public init(version: Int64, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
        checksum = SHA256.hex(Array(sql.utf8))
    }

    /// `0003_add_site_index`, as in the file name.
    public var label: String {
        let digits = String(version)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits + "_" + name
    }

    /// Loads every `NNNN_name.sql` file of `directory`, ordered by version. Other files are ignored;
    /// a `.sql` file with a malformed name or a repeated version is an error, not a silent skip.
    public static func load(directory: String) throws(PostgresError) -> [PostgresMigration] {
        let fileNames: [String]
        do {
            fileNames = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw PostgresError(code: .invalidMigration, message: "cannot read migrations directory \(directory): \(error)")
        }
        var migrations: [PostgresMigration] = []
        for fileName in fileNames.sorted() where fileName.hasSuffix(".sql") {
            let stem = fileName.dropLast(4)
            guard let separator = stem.firstIndex(of: "_"),
                  let version = Int64(stem[..<separator]), version >= 0,
                  stem.index(after: separator) < stem.endIndex else {
                throw PostgresError(code: .invalidMigration, message: "migration file \(fileName) is not named NNNN_name.sql")
            }
            let path = directory + "/" + fileName
            guard let data = FileManager.default.contents(atPath: path), let sql = String(data: data, encoding: .utf8) else {
                throw PostgresError(code: .invalidMigration, message: "cannot read migration file \(path) as UTF-8")
            }
            migrations.append(PostgresMigration(version: version, name: String(stem[stem.index(after: separator)...]), sql: sql))
        }
        return try ordered(migrations)
    }

    /// Sorts by version and refuses two migrations with the same version.
    static func ordered(_ migrations: [PostgresMigration]) throws(PostgresError) -> [PostgresMigration] {
        let sorted = migrations.sorted { $0.version < $1.version }
        for (previous, next) in zip(sorted, sorted.dropFirst()) where previous.version == next.version {
            throw PostgresError(code: .invalidMigration, message: "migrations \(previous.label) and \(next.label) share version \(next.version)")
        }
        return sorted
    }
}
