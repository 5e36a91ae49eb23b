import Commands
import FieldOpsCore
import Foundation
import Mesh
import Planning
import Testing

@Suite("Scheduler queue: messages told apart by type")
struct SchedulerMessageTests {
    let decoder = JSONTapeDecoder()

    @Test("each accepted type decodes into its case")
    func decodesByType() throws {
        let technician = UUID().uuidString.lowercased()
        let absent = try SchedulerMessage.decode(body: Array(#"{"technician_id":"\#(technician)","day":"2030-03-12"}"#.utf8), type: TechnicianAbsentEvent.type, decoder: decoder)
        #expect(absent == .technicianAbsent(TechnicianAbsentEvent(technicianID: technician, day: "2030-03-12")))
        let assign = try SchedulerMessage.decode(body: Array(#"{"day":"2030-03-12","mode":"preview"}"#.utf8), type: ScheduleAssignCommand.type, decoder: decoder)
        #expect(assign == .assign(ScheduleAssignCommand(day: "2030-03-12", mode: .preview)))
        let training = try SchedulerMessage.decode(body: Array(#"{"lookback_days":90,"held_out_fraction":0.25}"#.utf8), type: ScheduleTrainDurationsCommand.type, decoder: decoder)
        #expect(training == .trainDurations(ScheduleTrainDurationsCommand(lookbackDays: 90, heldOutFraction: 0.25)))
    }

    @Test("another type, or none, is refused with the accepted ones named (the message is parked)")
    func refusesOtherTypes() {
        for type in ["intervention.created.v1", nil] {
            #expect(throws: MessageValidationError.self) {
                try SchedulerMessage.decode(body: Array("{}".utf8), type: type, decoder: decoder)
            }
        }
    }

    @Test("validation reaches the wrapped message", arguments: [
        (SchedulerMessage.assign(ScheduleAssignCommand(day: "2030-02-30", mode: .commit)), "day"),
        (SchedulerMessage.assign(ScheduleAssignCommand(day: "2030-03-12", siteID: UUID().uuidString, interventionIDs: [UUID().uuidString], mode: .commit)), "site_id"),
        (SchedulerMessage.assign(ScheduleAssignCommand(day: "2030-03-12", interventionIDs: [], mode: .commit)), "intervention_ids"),
        (SchedulerMessage.technicianAbsent(TechnicianAbsentEvent(technicianID: "T-1", day: "2030-03-12")), "technician_id"),
        (SchedulerMessage.interventionUrgent(InterventionUrgentEvent(interventionID: UUID().uuidString, day: "12/03/2030")), "day"),
        (SchedulerMessage.trainDurations(ScheduleTrainDurationsCommand(lookbackDays: 0)), "lookback_days"),
    ])
    func validation(message: SchedulerMessage, field: String) {
        do {
            try message.validate()
            Issue.record("\(message) passed validation")
        } catch {
            #expect(error.fields[field] != nil, "\(error)")
        }
    }
}
