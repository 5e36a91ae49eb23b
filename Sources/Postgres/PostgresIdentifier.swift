/// Quoting of SQL identifiers (table and column names) where the client must write them itself.
enum PostgresIdentifier {
    /// `sites` → `"sites"`, `ops.sites` → `"ops"."sites"`; embedded quotes are doubled, so the
    /// result is always one identifier, never extra SQL.
    static func quoted(_ name: String) -> String {
        name.split(separator: ".", omittingEmptySubsequences: false)
            .map { "\"" + $0.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\"" }
            .joined(separator: ".")
    }
}
