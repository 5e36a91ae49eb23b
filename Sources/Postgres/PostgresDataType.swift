/// A PostgreSQL type, identified by its OID in `pg_type`.
///
/// Only the built-in types the client encodes or decodes are named; any other OID can still be
/// carried (for example to report it in a decoding error).
public struct PostgresDataType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt32

    public init(rawValue: UInt32) {
        self.rawValue = rawValue
    }

    public static let bool = PostgresDataType(rawValue: 16)
    public static let bytea = PostgresDataType(rawValue: 17)
    public static let name = PostgresDataType(rawValue: 19)
    public static let int8 = PostgresDataType(rawValue: 20)
    public static let int2 = PostgresDataType(rawValue: 21)
    public static let int4 = PostgresDataType(rawValue: 23)
    public static let text = PostgresDataType(rawValue: 25)
    public static let json = PostgresDataType(rawValue: 114)
    public static let float4 = PostgresDataType(rawValue: 700)
    public static let float8 = PostgresDataType(rawValue: 701)
    public static let bpchar = PostgresDataType(rawValue: 1042)
    public static let varchar = PostgresDataType(rawValue: 1043)
    public static let date = PostgresDataType(rawValue: 1082)
    public static let timestamp = PostgresDataType(rawValue: 1114)
    public static let timestamptz = PostgresDataType(rawValue: 1184)
    public static let numeric = PostgresDataType(rawValue: 1700)
    public static let uuid = PostgresDataType(rawValue: 2950)
    public static let jsonb = PostgresDataType(rawValue: 3802)

    public static let boolArray = PostgresDataType(rawValue: 1000)
    public static let byteaArray = PostgresDataType(rawValue: 1001)
    public static let int2Array = PostgresDataType(rawValue: 1005)
    public static let int4Array = PostgresDataType(rawValue: 1007)
    public static let textArray = PostgresDataType(rawValue: 1009)
    public static let varcharArray = PostgresDataType(rawValue: 1015)
    public static let int8Array = PostgresDataType(rawValue: 1016)
    public static let float4Array = PostgresDataType(rawValue: 1021)
    public static let float8Array = PostgresDataType(rawValue: 1022)
    public static let timestampArray = PostgresDataType(rawValue: 1115)
    public static let dateArray = PostgresDataType(rawValue: 1182)
    public static let timestamptzArray = PostgresDataType(rawValue: 1185)
    public static let numericArray = PostgresDataType(rawValue: 1231)
    public static let jsonArray = PostgresDataType(rawValue: 199)
    public static let uuidArray = PostgresDataType(rawValue: 2951)
    public static let jsonbArray = PostgresDataType(rawValue: 3807)

    private static let names: [PostgresDataType: String] = [
        .bool: "bool", .bytea: "bytea", .name: "name", .int8: "int8", .int2: "int2", .int4: "int4",
        .text: "text", .json: "json", .float4: "float4", .float8: "float8", .bpchar: "bpchar",
        .varchar: "varchar", .date: "date", .timestamp: "timestamp", .timestamptz: "timestamptz",
        .numeric: "numeric", .uuid: "uuid", .jsonb: "jsonb",
        .boolArray: "bool[]", .byteaArray: "bytea[]", .int2Array: "int2[]", .int4Array: "int4[]",
        .textArray: "text[]", .varcharArray: "varchar[]", .int8Array: "int8[]", .float4Array: "float4[]",
        .float8Array: "float8[]", .timestampArray: "timestamp[]", .dateArray: "date[]",
        .timestamptzArray: "timestamptz[]", .numericArray: "numeric[]", .jsonArray: "json[]",
        .uuidArray: "uuid[]", .jsonbArray: "jsonb[]",
    ]

    /// The type name (`int8`, `text[]`), or `oid 1234` for a type this client does not know.
    public var description: String {
        Self.names[self] ?? "oid \(rawValue)"
    }
}
