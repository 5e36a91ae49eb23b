extension Duration {
    /// Whole milliseconds, truncated: what C APIs, protocol fields and log lines take.
    public var wholeMilliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }
}

extension Duration {
    /// Whole seconds, any fraction counted as one more: what `Retry-After` must say, so a client
    /// never retries too early.
    public var wholeSecondsRoundedUp: Int64 {
        let (seconds, attoseconds) = components
        return seconds + (attoseconds > 0 ? 1 : 0)
    }
}
