import FieldOpsCore
import GPS
import HTTPServer

/// How positions are taken in, read once from the environment by the gateway and `gps-ingest`.
public struct GPSIngestConfiguration: Sendable {
    /// The consistent-hash exchange the GPS shards hang off (`fieldops.positions`).
    public var positionsExchange: String
    public var validation: PositionValidation
    /// The OsmAnd port of `gps-ingest` (5055 by default, Traccar's).
    public var osmAnd: HTTPServerConfiguration

    public static let defaultPositionsExchange = "fieldops.positions"

    public init(positionsExchange: String = defaultPositionsExchange, validation: PositionValidation = PositionValidation(),
                osmAnd: HTTPServerConfiguration = HTTPServerConfiguration(port: 5055)) {
        self.positionsExchange = positionsExchange
        self.validation = validation
        self.osmAnd = osmAnd
    }

    /// `FIELDOPS_GPS_EXCHANGE`, `FIELDOPS_GPS_MAX_FUTURE_SECONDS` (600), `FIELDOPS_GPS_MAX_AGE_SECONDS`
    /// (7 days), and the OsmAnd server's `FIELDOPS_OSMAND_*` (`_PORT` 5055, `_THREADS`, …).
    public init(environment: Environment) throws(ConfigurationError) {
        self.init(
            positionsExchange: environment.string("FIELDOPS_GPS_EXCHANGE", default: Self.defaultPositionsExchange),
            validation: try PositionValidation(environment: environment),
            osmAnd: try HTTPServerConfiguration(environment: environment, prefix: "FIELDOPS_OSMAND_", defaults: HTTPServerConfiguration(port: 5055))
        )
    }
}

extension PositionValidation {
    /// `FIELDOPS_GPS_MAX_FUTURE_SECONDS` (600) and `FIELDOPS_GPS_MAX_AGE_SECONDS` (7 days): the same
    /// limits at ingestion and in the worker.
    public init(environment: Environment) throws(ConfigurationError) {
        let defaults = PositionValidation()
        self.init(
            maximumFuture: .seconds(try environment.int("FIELDOPS_GPS_MAX_FUTURE_SECONDS", default: Int(defaults.maximumFuture.components.seconds))),
            maximumAge: .seconds(try environment.int("FIELDOPS_GPS_MAX_AGE_SECONDS", default: Int(defaults.maximumAge.components.seconds)))
        )
    }
}
