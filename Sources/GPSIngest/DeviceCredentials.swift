/// What registering a tracker gives it, shown once: the token for `POST /v1/gps/positions` and its
/// MQTT login.
public struct DeviceCredentials: Sendable, Hashable, CustomStringConvertible {
    public let token: DeviceToken
    public let mqtt: MQTTCredentials

    /// Two lines: the token alone first (what scripts capture), then `mqtt <username> <password>`.
    public var description: String { "\(token)\n\(mqtt)" }
}
