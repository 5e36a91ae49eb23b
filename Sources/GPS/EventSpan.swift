/// A trip or a stop over a period: the derived event that opened it and, unless it was still going
/// at the period's end, the one that closed it.
public struct EventSpan: Sendable, Equatable {
    /// Where and when an edge of the span happened. The place is unknown only for a span whose
    /// opening event was never stored.
    public struct Edge: Sendable, Equatable {
        public var at: Int64
        public var latitude: Double?
        public var longitude: Double?

        public init(at: Int64, latitude: Double?, longitude: Double?) {
            self.at = at
            self.latitude = latitude
            self.longitude = longitude
        }
    }

    public var start: Edge
    /// Nil while open: still going at the end of the period.
    public var end: Edge?
    /// Closed: as the closing event says; open: from the start to the end of the period.
    public var durationSeconds: Int64
    /// For a trip that ended: metres driven.
    public var distanceMeters: Double?
    /// For a stop: the site it was in, if any.
    public var siteID: String?

    public var isOpen: Bool { end == nil }

    public init(start: Edge, end: Edge?, durationSeconds: Int64, distanceMeters: Double? = nil, siteID: String? = nil) {
        self.start = start
        self.end = end
        self.durationSeconds = durationSeconds
        self.distanceMeters = distanceMeters
        self.siteID = siteID
    }

    /// Pairs one device's `opening` and `closing` events (`trip.started`/`trip.ended`,
    /// `stop.started`/`stop.ended`) into the spans that overlap `from ..< to`, oldest first.
    ///
    /// `events` are the pairs' events inside the period plus the last one before it (a span
    /// already going at `from` shows from its real start). A closing event without its opening
    /// gets its start from its duration and no place.
    public static func pair(_ events: [DeviceEvent], opening: DeviceEvent.Kind, closing: DeviceEvent.Kind, from: Int64, to: Int64) -> [EventSpan] {
        // At the same moment a span closes before the next one opens.
        let ordered = events.filter { $0.kind == opening || $0.kind == closing }
            .sorted { ($0.at, $0.kind == closing ? 0 : 1) < ($1.at, $1.kind == closing ? 0 : 1) }
        var spans: [EventSpan] = []
        var open: DeviceEvent?
        for event in ordered {
            if event.kind == opening {
                // Two openings in a row: the first one's closing was never stored; the newer start wins.
                open = event
                continue
            }
            let started = open.map { Edge(at: $0.at, latitude: $0.latitude, longitude: $0.longitude) }
                ?? Edge(at: event.at - (event.durationSeconds ?? 0) * 1000, latitude: nil, longitude: nil)
            spans.append(EventSpan(
                start: started, end: Edge(at: event.at, latitude: event.latitude, longitude: event.longitude),
                durationSeconds: event.durationSeconds ?? (event.at - started.at) / 1000, distanceMeters: event.distanceMeters,
                siteID: open?.siteID
            ))
            open = nil
        }
        if let open, open.at < to {
            spans.append(EventSpan(
                start: Edge(at: open.at, latitude: open.latitude, longitude: open.longitude), end: nil, durationSeconds: (to - open.at) / 1000,
                siteID: open.siteID
            ))
        }
        return spans.filter { ($0.end?.at ?? to) >= from && $0.start.at < to }
    }
}
