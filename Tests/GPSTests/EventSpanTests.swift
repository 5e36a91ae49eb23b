import GPS
import Testing

@Suite("Event spans")
struct EventSpanTests {
    let minute: Int64 = 60_000

    func event(_ kind: DeviceEvent.Kind, _ at: Int64, duration: Int64? = nil, distance: Double? = nil, site: String? = nil) -> DeviceEvent {
        DeviceEvent(kind: kind, deviceID: "v", at: at * minute, latitude: 45, longitude: Double(at), siteID: site, durationSeconds: duration, distanceMeters: distance)
    }

    @Test("started/ended pairs become closed spans; one still going at the period's end is open until it")
    func pairs() {
        let events = [
            event(.tripStarted, 0), event(.tripEnded, 3, duration: 180, distance: 1000), event(.tripStarted, 10), event(.stopStarted, 3),
        ]
        let spans = EventSpan.pair(events, opening: .tripStarted, closing: .tripEnded, from: 0, to: 20 * minute)
        #expect(spans.count == 2)
        #expect(spans[0] == EventSpan(
            start: .init(at: 0, latitude: 45, longitude: 0), end: .init(at: 3 * minute, latitude: 45, longitude: 3), durationSeconds: 180, distanceMeters: 1000
        ))
        #expect(spans[1].isOpen && spans[1].start.at == 10 * minute && spans[1].durationSeconds == 600)
    }

    @Test("a span that ended before the period is left out; one that started before it shows its real start")
    func periodEdges() {
        let events = [event(.stopStarted, 3, site: "s1"), event(.stopEnded, 10, duration: 420)]
        let inside = EventSpan.pair(events, opening: .stopStarted, closing: .stopEnded, from: 5 * minute, to: 20 * minute)
        #expect(inside.map(\.start.at) == [3 * minute])
        #expect(inside.first?.siteID == "s1")
        #expect(EventSpan.pair([event(.stopEnded, 4, duration: 60)], opening: .stopStarted, closing: .stopEnded, from: 5 * minute, to: 9 * minute).isEmpty)
        let open = EventSpan.pair([events[0]], opening: .stopStarted, closing: .stopEnded, from: 4 * minute, to: 6 * minute)
        #expect(open.first?.isOpen == true && open.first?.durationSeconds == 180)
    }

    @Test("an ending whose start was never stored starts at its duration before, with no place")
    func orphanEnd() {
        let spans = EventSpan.pair([event(.tripEnded, 10, duration: 120)], opening: .tripStarted, closing: .tripEnded, from: 0, to: 20 * minute)
        #expect(spans.first?.start == .init(at: 8 * minute, latitude: nil, longitude: nil))
    }
}
