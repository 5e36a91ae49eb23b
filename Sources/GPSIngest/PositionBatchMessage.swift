import GPS
import Mesh

/// Positions of one device, as the ingestion paths hand them to the GPS workers: published on the
/// positions exchange with the device id as routing key, so one device always lands on one shard.
public struct PositionBatchMessage: MeshMessage, Equatable {
    public static let type = "gps.positions.v1"
    public static let maximumPositions = 1000

    public var deviceID: String
    /// When ingestion took the batch, milliseconds since the epoch: the start of the ingestion lag.
    public var receivedAt: Int64
    public var positions: [Position]

    public init(deviceID: String, receivedAt: Int64, positions: [Position]) {
        self.deviceID = deviceID
        self.receivedAt = receivedAt
        self.positions = positions
    }

    public func validate() throws(MessageValidationError) {
        var problems: [String: String] = [:]
        if deviceID.isEmpty { problems["device_id"] = "is empty" }
        if positions.isEmpty || positions.count > Self.maximumPositions { problems["positions"] = "must hold 1 to \(Self.maximumPositions)" }
        if positions.contains(where: { $0.deviceID != deviceID }) { problems["positions"] = "must all be of device_id" }
        guard problems.isEmpty else { throw MessageValidationError(problems) }
    }

    enum CodingKeys: String, CodingKey {
        case deviceID = "device_id", receivedAt = "received_at", positions
    }
}
