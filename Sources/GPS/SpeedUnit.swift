/// Trackers speaking the OsmAnd protocol report knots; everything stored is metres per second.
public enum SpeedUnit {
    /// One international knot: 1852 m per hour.
    public static let metersPerSecondPerKnot = 1852.0 / 3600.0

    public static func metersPerSecond(knots: Double) -> Double { knots * metersPerSecondPerKnot }
}
