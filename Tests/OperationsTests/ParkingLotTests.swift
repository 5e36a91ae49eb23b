import AMQP
import Foundation
import Mesh
import Operations
import TestSupport
import Testing

@Suite("Parking lot", .timeLimit(.minutes(2)))
struct ParkingLotTests {
    @Test("list shows parked messages head first with their reasons, and leaves them in place, in order")
    func listLeavesMessagesInPlace() async throws {
        try await withParkingFixture { fixture in
            let ids = try await fixture.parkFour()
            let lot = fixture.parkingLot()

            let listed = try await lot.list(limit: 50)
            #expect(listed.map(\.messageID) == ids)
            #expect(listed.map(\.position) == [1, 2, 3, 4])
            #expect(listed.map(\.reason) == [
                "photo not found", "invalid payload: value must not be negative", "storage unavailable", "delivery limit exceeded",
            ])
            #expect(listed.map(\.tenant) == ["acme", "globex", "acme", "acme"])
            #expect(listed[2].attempt == 5)
            #expect(listed[0].parkedAt == Date(timeIntervalSince1970: 1_700_000_000))
            #expect(listed[3].parkedAt != nil, "the broker's x-death time stands in for x-parked-at")
            #expect(listed.allSatisfy { $0.originQueue == fixture.queue })

            #expect(try await lot.list(limit: 50).map(\.messageID) == ids, "a second listing sees the same messages in the same order")
            #expect(try await lot.list(limit: 2).map(\.messageID) == Array(ids.prefix(2)))
            #expect(try await fixture.connection.inspectQueue(name: fixture.parkingQueue.name).messageCount == 4)
        }
    }

    @Test("show finds one parked message with its headers and body, and leaves it parked")
    func showOneMessage() async throws {
        try await withParkingFixture { fixture in
            let ids = try await fixture.parkFour()
            let lot = fixture.parkingLot()

            let message = try #require(try await lot.message(id: ids[1], limit: 50))
            let detail = ParkedMessageReport.detail(message, queue: fixture.parkingQueue)
            #expect(detail.contains("reason:      invalid payload: value must not be negative"))
            #expect(detail.contains("x-park-reason: invalid payload"))
            #expect(detail.contains("correlation_id: job-\(ids[1])"))
            #expect(detail.contains("body (JSON"))
            #expect(detail.contains(#""value" : 7"#))

            let brokerParked = try #require(try await lot.message(id: ids[3], limit: 50))
            let brokerDetail = ParkedMessageReport.detail(brokerParked, queue: fixture.parkingQueue)
            #expect(brokerDetail.contains("x-first-death-reason: delivery_limit"))
            #expect(brokerDetail.contains("body (base64, 8 bytes):\n" + Data("not json".utf8).base64EncodedString()))

            #expect(try await lot.message(id: "no-such-message", limit: 50) == nil)
            #expect(try await lot.list(limit: 50).map(\.messageID) == ids)
        }
    }

    @Test("replay by id moves exactly that message back to its queue as a fresh first attempt")
    func replayOne() async throws {
        try await withParkingFixture { fixture in
            let ids = try await fixture.parkFour()
            let lot = fixture.parkingLot()

            let replayed = try await lot.replay(.messageID(ids[2]), limit: 50)
            #expect(replayed.map(\.messageID) == [ids[2]])
            #expect(try await lot.list(limit: 50).map(\.messageID) == [ids[0], ids[1], ids[3]])

            let delivery = try #require(try await fixture.connection.take(1, from: fixture.queue).first)
            let headers = delivery.properties.headers ?? [:]
            #expect(delivery.properties.messageId == ids[2])
            #expect(delivery.properties.type == "test.record.v1")
            #expect(delivery.properties.correlationId == "job-\(ids[2])")
            #expect(delivery.body == Array(#"{"id":"\#(ids[2])","value":7}"#.utf8))
            #expect(headers[MeshHeader.attempt] == .int32(1))
            #expect(headers[MeshHeader.tenant] == "acme")
            #expect(headers[MeshHeader.traceparent] == "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
            for removed in [MeshHeader.parkReason, MeshHeader.parkedAt, MeshHeader.originQueue, MeshHeader.retryTier] {
                #expect(headers[removed] == nil, "\(removed) is gone")
            }
        }
    }

    @Test("replay --all sends every parked message back, the broker-parked one without its death headers")
    func replayAll() async throws {
        try await withParkingFixture { fixture in
            let ids = try await fixture.parkFour()
            let lot = fixture.parkingLot()

            #expect(try await lot.replay(.all, limit: 50).map(\.messageID) == ids)
            #expect(try await lot.list(limit: 50).isEmpty)
            let deliveries = try await fixture.connection.take(4, from: fixture.queue)
            #expect(Set(deliveries.compactMap(\.properties.messageId)) == Set(ids))
            let brokerParked = try #require(deliveries.first { $0.properties.messageId == ids[3] })
            let headerNames = Set((brokerParked.properties.headers ?? [:]).keys)
            #expect(headerNames.allSatisfy { !$0.hasPrefix("x-first-death-") && !$0.hasPrefix("x-last-death-") && $0 != "x-death" })
            #expect(brokerParked.properties.headers?[MeshHeader.attempt] == .int32(1))
        }
    }

    @Test("replay to an origin queue that does not exist fails and keeps the message parked")
    func replayToMissingQueue() async throws {
        try await withParkingFixture { fixture in
            let ids = try await fixture.parkFour()
            try await fixture.connection.deleteQueue(name: fixture.queue)

            await #expect(throws: OperationsError.self) { try await fixture.parkingLot().replay(.messageID(ids[0]), limit: 50) }
            #expect(try await fixture.parkingLot().list(limit: 50).map(\.messageID) == ids)
        }
    }

    @Test("purge empties the parking queue and counts what it dropped")
    func purge() async throws {
        try await withParkingFixture { fixture in
            _ = try await fixture.parkFour()
            #expect(try await fixture.parkingLot().purge() == 4)
            #expect(try await fixture.parkingLot().list(limit: 50).isEmpty)
        }
    }

    @Test("a parking queue that does not exist is reported as such")
    func missingQueue() async throws {
        try await withParkingFixture { fixture in
            let lot = ParkingLot(queue: try ParkingQueue("fieldops-tests.absent-" + UUID().uuidString), connection: fixture.connection)
            let error = await #expect(throws: OperationsError.self) { try await lot.list(limit: 10) }
            #expect(error?.code == .notFound)
        }
    }

    @Test("queue names: full, parking or short")
    func queueNames() throws {
        #expect(try ParkingQueue("fieldops.photo").name == "fieldops.photo.dead")
        #expect(try ParkingQueue("fieldops.photo.dead").origin == "fieldops.photo")
        #expect(try ParkingQueue("photo").origin == "fieldops.photo")
        #expect(throws: OperationsError.self) { try ParkingQueue("") }
        #expect(throws: OperationsError.self) { try ParkingQueue(String(repeating: "q", count: 300)) }
    }
}
