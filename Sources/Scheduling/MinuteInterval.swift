/// A half-open span of minutes `[start, end)` counted from midnight of the planning day.
public struct MinuteInterval: Hashable, Sendable, Codable {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    public var length: Int { end - start }

    public func overlaps(_ other: MinuteInterval) -> Bool {
        start < other.end && other.start < end
    }

    public func contains(_ other: MinuteInterval) -> Bool {
        start <= other.start && other.end <= end
    }
}
