/// A mailbox: `address` checked to be one `local@domain` with nothing that could end a header
/// or an SMTP command, and an optional display name.
public struct MailAddress: Sendable, Hashable, CustomStringConvertible {
    public let address: String
    public let name: String?

    public init(_ address: String, name: String? = nil) throws(MailError) {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              address.utf8.count <= 254,
              address.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F && !"<>(),;:\"[]\\".unicodeScalars.contains($0) })
        else { throw MailError(.invalidAddress, "\"\(address.prefix(80))\" is not a mail address") }
        self.address = address
        self.name = name.map { $0.filter { !$0.isNewline } }
    }

    /// The header form: `=?UTF-8?B?…?= <a@b.c>` or `"Name" <a@b.c>`.
    public var description: String {
        guard let name, !name.isEmpty else { return "<\(address)>" }
        let shown = name.allSatisfy { $0.isASCII && $0 != "\"" && $0 != "\\" } ? "\"\(name)\"" : EncodedWord.encode(name)
        return "\(shown) <\(address)>"
    }
}
