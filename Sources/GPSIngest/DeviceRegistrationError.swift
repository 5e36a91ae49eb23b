/// Why a device cannot be registered.
public struct DeviceRegistrationError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Code: Hashable, Sendable {
        let name: String
        /// No active tenant has this slug.
        public static let unknownTenant = Code(name: "unknownTenant")
        /// Another tenant registered this device id.
        public static let deviceTaken = Code(name: "deviceTaken")
        /// The id is empty, too long, or holds a character that breaks a token or an MQTT topic.
        public static let invalidDeviceID = Code(name: "invalidDeviceID")
        /// The tenant has no device with this id.
        public static let unknownDevice = Code(name: "unknownDevice")
    }

    public let code: Code
    public let message: String

    public var description: String { message }
}
