import CLibPQ
import Foundation

/// Owns one `PGresult` and frees it when the last row referring to it is gone.
///
/// `@unchecked Sendable`: libpq documents a `PGresult` as read-only once created, safe to read from
/// any thread; nothing here writes to it, and `deinit` runs only when no reader remains.
final class PostgresResult: @unchecked Sendable {
    let handle: OpaquePointer

    init(_ handle: OpaquePointer) {
        self.handle = handle
    }

    deinit {
        PQclear(handle)
    }

    var rowCount: Int { Int(PQntuples(handle)) }
    var columnCount: Int { Int(PQnfields(handle)) }

    /// The rows a command touched (`INSERT 0 3` → 3), 0 when the command reports none.
    var affectedRows: Int { Int(String(cString: PQcmdTuples(handle))) ?? 0 }

    /// The command tag (`INSERT 0 3`, `COMMIT`, `ROLLBACK`).
    var commandTag: String { String(cString: PQcmdStatus(handle)) }

    func columnName(_ column: Int) -> String {
        String(cString: PQfname(handle, Int32(column)))
    }

    func columnIndex(named name: String) -> Int? {
        // PQfnumber folds unquoted names to lower case; quote to compare the name exactly.
        let index = Int(PQfnumber(handle, "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""))
        return index >= 0 ? index : nil
    }

    func columnType(_ column: Int) -> PostgresDataType {
        PostgresDataType(rawValue: PQftype(handle, Int32(column)))
    }

    /// The value's bytes, `nil` for NULL. Valid while this result lives.
    func value(row: Int, column: Int) -> UnsafeRawBufferPointer? {
        if PQgetisnull(handle, Int32(row), Int32(column)) != 0 { return nil }
        let length = Int(PQgetlength(handle, Int32(row), Int32(column)))
        return UnsafeRawBufferPointer(start: PQgetvalue(handle, Int32(row), Int32(column)), count: length)
    }
}
