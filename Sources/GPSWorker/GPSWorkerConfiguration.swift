import FieldOpsCore
import GPS
import GPSIngest
import Mesh

/// How a GPS worker process consumes its shards, read once from the environment.
public struct GPSWorkerConfiguration: Sendable {
    /// The shard queues this process subscribes to. Each has one active consumer at a time
    /// (single-active-consumer): another process subscribed to the same shard is its hot standby.
    public var shardQueues: [String]
    /// Deliveries each shard may have unacknowledged (a delivery is one batch of up to 1000 positions).
    public var prefetch: UInt16
    /// At most this many deliveries are stored in one transaction.
    public var maximumBatch: Int
    /// Where derived events are published (`fieldops.events`).
    public var eventsExchange: String
    public var validation: PositionValidation
    /// Waits between attempts when storing a batch fails (database away): the shard waits, in order.
    public var retryBackoff: Backoff
    /// How often a worker process tries to sweep for devices gone offline (one process sweeps at a
    /// time, under a Redis lock); an offline event is noticed at most this late.
    public var presenceSweepInterval: Duration

    /// Parked deliveries go to `fieldops.gps.dead` whichever shard they came from.
    public static let parkingRoutingKey = "fieldops.gps"

    public init(
        shardQueues: [String], prefetch: UInt16 = 200, maximumBatch: Int = 100, eventsExchange: String = MeshExchange.events,
        validation: PositionValidation = PositionValidation(), retryBackoff: Backoff = Backoff(initial: .milliseconds(200), maximum: .seconds(10)),
        presenceSweepInterval: Duration = .seconds(30)
    ) {
        self.shardQueues = shardQueues
        self.prefetch = prefetch
        self.maximumBatch = maximumBatch
        self.eventsExchange = eventsExchange
        self.validation = validation
        self.retryBackoff = retryBackoff
        self.presenceSweepInterval = presenceSweepInterval
    }

    /// `FIELDOPS_GPS_SHARD_PREFIX` (`fieldops.gps.shard.`), `FIELDOPS_GPS_SHARDS` (`0-3`, or a list
    /// `0,2`), `FIELDOPS_GPS_PREFETCH` (200), `FIELDOPS_GPS_BATCH` (100 deliveries),
    /// `FIELDOPS_GPS_EVENTS_EXCHANGE` (`fieldops.events`), `FIELDOPS_GPS_PRESENCE_SWEEP_MS` (30000),
    /// and the validation limits.
    public init(environment: Environment) throws(ConfigurationError) {
        let prefix = environment.string("FIELDOPS_GPS_SHARD_PREFIX", default: "fieldops.gps.shard.")
        let spec = environment.string("FIELDOPS_GPS_SHARDS", default: "0-3")
        guard let shards = Self.shardNumbers(spec), !shards.isEmpty else {
            throw ConfigurationError(variable: "FIELDOPS_GPS_SHARDS", value: spec, expected: "a range (0-3) or a list (0,2) of shard numbers")
        }
        let prefetch = try environment.int("FIELDOPS_GPS_PREFETCH", default: 200)
        guard (1...Int(UInt16.max)).contains(prefetch) else {
            throw ConfigurationError(variable: "FIELDOPS_GPS_PREFETCH", value: "\(prefetch)", expected: "1 to 65535")
        }
        let batch = try environment.int("FIELDOPS_GPS_BATCH", default: 100)
        guard batch >= 1 else { throw ConfigurationError(variable: "FIELDOPS_GPS_BATCH", value: "\(batch)", expected: "at least 1") }
        let sweep = try environment.int("FIELDOPS_GPS_PRESENCE_SWEEP_MS", default: 30_000)
        guard sweep >= 100 else { throw ConfigurationError(variable: "FIELDOPS_GPS_PRESENCE_SWEEP_MS", value: "\(sweep)", expected: "at least 100") }
        self.init(
            shardQueues: shards.map { prefix + String($0) }, prefetch: UInt16(prefetch), maximumBatch: batch,
            eventsExchange: environment.string("FIELDOPS_GPS_EVENTS_EXCHANGE", default: MeshExchange.events),
            validation: try PositionValidation(environment: environment), presenceSweepInterval: .milliseconds(sweep)
        )
    }

    static func shardNumbers(_ spec: String) -> [Int]? {
        var numbers: [Int] = []
        for part in spec.split(separator: ",") {
            let bounds = part.split(separator: "-", maxSplits: 1).map { Int($0) }
            guard let low = bounds.first ?? nil, low >= 0, let high = bounds.count == 2 ? bounds[1] : low, high >= low, high < 1024 else {
                return nil
            }
            numbers += Array(low...high)
        }
        return numbers
    }
}
