/// A tenant's stable short name (`acme-btp`): lower-case letter first, then letters, digits and
/// hyphens, 3 to 40 characters. Database and role names derive from it, so it is validated before
/// it reaches any SQL.
public struct TenantSlug: Sendable, Hashable, CustomStringConvertible {
    public let value: String

    public init(_ text: String) throws(TenancyError) {
        let bytes = Array(text.utf8)
        let valid = (3...40).contains(bytes.count)
            && (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(bytes[0])
            && bytes.allSatisfy { byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                    || byte == UInt8(ascii: "-")
            }
        guard valid else {
            throw TenancyError(
                code: .invalidInput,
                message: "invalid tenant slug '\(text)': 3 to 40 characters, a lower-case letter first, then a-z, 0-9 or '-'"
            )
        }
        value = text
    }

    public var description: String { value }

    /// The slug with hyphens as underscores: a valid unquoted SQL identifier part, and since slugs
    /// hold no underscores, two slugs never give the same one.
    var identifierPart: String { value.replacingHyphens() }
}

extension String {
    fileprivate func replacingHyphens() -> String {
        String(map { $0 == "-" ? "_" : $0 })
    }
}
