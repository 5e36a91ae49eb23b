import AMQP
import FieldOpsCore
import GPS
import GPSIngest
import Mesh

/// One delivery of a shard, read: positions of one registered device, or why it can never be stored.
///
/// Two shapes arrive: the ingestion paths' `gps.positions.v1` batches (tenant in `x-tenant`), and
/// raw MQTT publishes routed by the broker's MQTT plugin from topic `gps/<tenant>/<device>` (routing
/// key `gps.<tenant>.<device>`, the OsmAnd JSON form as body, no properties).
enum IncomingDelivery: Sendable {
    case positions(device: RegisteredDevice, receivedAt: Int64, positions: [Position])
    case unusable(reason: String)

    /// Throws only when the device directory cannot be read (a transient failure).
    static func read(_ delivery: AMQPDelivery, directory: DeviceDirectory, decoder: JSONTapeDecoder, now: Int64) async throws -> IncomingDelivery {
        let claimedTenant: String
        let deviceID: String
        let receivedAt: Int64
        let positions: [Position]
        if delivery.properties.type == PositionBatchMessage.type {
            let batch: PositionBatchMessage
            do {
                batch = try decoder.decode(PositionBatchMessage.self, from: delivery.body)
                try batch.validate()
            } catch {
                return .unusable(reason: "undecodable \(PositionBatchMessage.type): \(error)")
            }
            guard let tenant = delivery.properties.headers?[MeshHeader.tenant]?.stringValue, !tenant.isEmpty else {
                return .unusable(reason: "\(MeshHeader.tenant) is missing")
            }
            (claimedTenant, deviceID, receivedAt, positions) = (tenant, batch.deviceID, batch.receivedAt, batch.positions)
        } else {
            let topic = delivery.routingKey.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
            guard topic.count == 3, topic[0] == "gps", !topic[1].isEmpty, !topic[2].isEmpty else {
                return .unusable(reason: "neither a \(PositionBatchMessage.type) message nor an MQTT publish on gps/<tenant>/<device>")
            }
            do {
                positions = [try TraccarJSONPosition.position(from: delivery.body, deviceID: String(topic[2]), receivedAt: now)]
            } catch {
                return .unusable(reason: "MQTT publish: \(error)")
            }
            (claimedTenant, deviceID, receivedAt) = (String(topic[1]), String(topic[2]), now)
        }
        guard let device = try await directory.device(deviceID), device.tenantSlug == claimedTenant else {
            return .unusable(reason: "device \(deviceID) is not registered to tenant \(claimedTenant)")
        }
        return .positions(device: device, receivedAt: receivedAt, positions: positions)
    }
}
