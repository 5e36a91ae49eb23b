import Commands
import FieldOpsCore
import Foundation
import Mesh
import Testing

/// The runtime reads bodies with `JSONTapeDecoder`: every command and event must come out as
/// Foundation's `JSONDecoder` reads it, and a body missing a member must fail naming that member.
@Suite("Mesh messages decoded by the runtime's decoder")
struct MeshMessageDecodingTests {
    static let samples: [any MeshMessage & Equatable] = [
        ReportRenderCommand(report: .dailySite, format: .pdf, from: "2026-12-01", to: "2026-12-01", siteID: "S-12"),
        ReportRenderCommand(report: .intervention, format: .xlsx, from: "2026-12-01", to: "2026-12-02", interventionID: "I-é\"7"),
        PhotoWatermarkCommand(photoID: "p-1", interventionID: "i-1"),
        PhotoProcessedEvent(photoID: "p-1", interventionID: "i-1", watermarkedSHA256: String(repeating: "ab", count: 32), captureTimeMismatch: true, outsideGeofence: nil),
        ScheduleAssignCommand(day: "2030-03-12", siteID: nil, interventionIDs: ["a", "b"], mode: .preview, seed: UInt64.max),
        ScheduleTrainDurationsCommand(lookbackDays: 90, heldOutFraction: 0.25),
        TechnicianAbsentEvent(technicianID: "t-1", day: "2030-03-12"),
        InterventionAssignedEvent(interventionID: "i-1", technicianID: "t-1", scheduledStart: "2030-03-12T08:00:00Z", scheduledEnd: "2030-03-12T10:00:00Z"),
        InterventionUnassignedEvent(interventionID: "i-1", previousTechnicianID: "t-1", reason: "absent"),
        InterventionUrgentEvent(interventionID: "i-1", day: "2030-03-12"),
        ReportReadyEvent(jobID: "j-1", requestedBy: "u-1", reportName: "Weekly \u{1F4C4}"),
        NotifySendCommand(eventType: "report.ready", userIDs: [UUID().uuidString], managers: true, values: ["name": "Zoé", "line": "a\nb"]),
    ]

    @Test("each command and event decodes to the value that was encoded, as JSONDecoder decodes it")
    func sameValues() throws {
        for sample in Self.samples {
            try Self.checkRoundTrip(sample)
        }
    }

    @Test("a body without a required member fails the same way in both decoders, naming the member")
    func missingMember() {
        let body = Array(#"{"report":"weekly","format":"pdf","from":"2026-12-01"}"#.utf8)
        #expect {
            try ReportRenderCommand.decode(body: body, type: ReportRenderCommand.type, decoder: JSONTapeDecoder())
        } throws: { error in
            guard case DecodingError.keyNotFound(let key, _) = error else { return false }
            return key.stringValue == "to"
        }
        #expect {
            try JSONDecoder().decode(ReportRenderCommand.self, from: Data(body))
        } throws: { error in
            guard case DecodingError.keyNotFound(let key, _) = error else { return false }
            return key.stringValue == "to"
        }
    }

    private static func checkRoundTrip<Message: MeshMessage & Equatable>(_ sample: Message) throws {
        let body = Array(try JSONEncoder().encode(sample))
        let decoded = try Message.decode(body: body, type: Message.type, decoder: JSONTapeDecoder())
        #expect(decoded == sample, "\(Message.self): \(String(decoding: body, as: UTF8.self))")
        #expect(decoded == (try JSONDecoder().decode(Message.self, from: Data(body))), "\(Message.self)")
    }
}
