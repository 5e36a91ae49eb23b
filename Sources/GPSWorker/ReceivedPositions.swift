import GPS
import GPSIngest

/// Valid positions of one device from one delivery, with when ingestion took them.
struct ReceivedPositions: Sendable {
    var device: RegisteredDevice
    var receivedAt: Int64
    var positions: [Position]
}
