import FieldOpsCrypto

/// What a tracker presents to `POST /v1/gps/positions`: `Authorization: Bearer <device-id>:<secret>`,
/// the secret 64 hexadecimal characters (256 random bits). Only its SHA-256 is stored.
public struct DeviceToken: Sendable, Hashable, CustomStringConvertible {
    public let deviceID: String
    let secret: String

    /// A new token for `deviceID`.
    public init(newFor deviceID: String) {
        self.deviceID = deviceID
        secret = Hex.encode(SecureRandom.bytes(32))
    }

    /// Nil when `text` is not of the token's shape.
    public init?(_ text: some StringProtocol) {
        guard let colon = text.lastIndex(of: ":") else { return nil }
        let deviceID = String(text[..<colon])
        let secret = String(text[text.index(after: colon)...])
        guard !deviceID.isEmpty, secret.utf8.count == 64, Hex.decode(secret) != nil else { return nil }
        self.deviceID = deviceID
        self.secret = secret
    }

    /// What the database keeps.
    var digest: [UInt8] { SHA256.digest(Array(secret.utf8)) }

    public var description: String { "\(deviceID):\(secret)" }
}
