/// A tracker's own login to the broker's MQTT listener, printed once when the device is registered.
public struct MQTTCredentials: Sendable, Hashable, CustomStringConvertible {
    public let username: String
    public let password: String

    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }

    /// `mqtt <username> <password>`: the line `fieldopsctl device register` prints after the token.
    public var description: String { "mqtt \(username) \(password)" }
}
