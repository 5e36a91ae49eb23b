import Commands
import FieldOpsCore
import Mesh

/// Everything the `fieldops.scheduler` queue receives: the scheduling commands and the events that
/// call for a replan, told apart by their AMQP `type`.
public enum SchedulerMessage: MeshMessage, Equatable {
    case assign(ScheduleAssignCommand)
    case trainDurations(ScheduleTrainDurationsCommand)
    case technicianAbsent(TechnicianAbsentEvent)
    case interventionUrgent(InterventionUrgentEvent)

    /// Names the gathered kind in logs; never travels (each case travels with its own type).
    public static let type = "scheduler.inbound"

    static let accepted = [ScheduleAssignCommand.type, ScheduleTrainDurationsCommand.type, TechnicianAbsentEvent.type, InterventionUrgentEvent.type]

    public static func decode(body: [UInt8], type: String?, decoder: JSONTapeDecoder) throws -> SchedulerMessage {
        return switch type {
        case ScheduleAssignCommand.type: .assign(try decoder.decode(ScheduleAssignCommand.self, from: body))
        case ScheduleTrainDurationsCommand.type: .trainDurations(try decoder.decode(ScheduleTrainDurationsCommand.self, from: body))
        case TechnicianAbsentEvent.type: .technicianAbsent(try decoder.decode(TechnicianAbsentEvent.self, from: body))
        case InterventionUrgentEvent.type: .interventionUrgent(try decoder.decode(InterventionUrgentEvent.self, from: body))
        default: throw MessageValidationError(["type": "is \(type ?? "missing"); the scheduler takes " + accepted.joined(separator: ", ")])
        }
    }

    public func validate() throws(MessageValidationError) {
        switch self {
        case .assign(let command): try command.validate()
        case .trainDurations(let command): try command.validate()
        case .technicianAbsent(let event): try event.validate()
        case .interventionUrgent(let event): try event.validate()
        }
    }

    /// A body alone does not say which message it is: decode through `decode(body:type:decoder:)`.
    public init(from decoder: any Decoder) throws {
        throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "scheduler messages are decoded by their AMQP type"))
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .assign(let command): try command.encode(to: encoder)
        case .trainDurations(let command): try command.encode(to: encoder)
        case .technicianAbsent(let event): try event.encode(to: encoder)
        case .interventionUrgent(let event): try event.encode(to: encoder)
        }
    }
}
