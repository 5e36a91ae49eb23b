extension Duration {
    /// Whole milliseconds, truncated: what C APIs, protocol fields and log lines take.
    public var wholeMilliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }
}
