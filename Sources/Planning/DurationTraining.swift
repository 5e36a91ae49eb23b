import Commands
import Postgres
import Scheduling

/// Retrains a tenant's duration model: fits on the whole history, and scores a fit on the older
/// part against the template on the newest part (held out), so the stored error figures are honest.
public struct DurationTraining: Sendable {
    public init() {}

    public struct Result: Encodable, Sendable {
        /// Nil when there was no usable history: the previous model (or the templates) stay in use.
        public let modelID: Int?
        public let observations: Int
        public let heldOut: Int
        public let modelMeanAbsoluteErrorMinutes: Double
        public let templateMeanAbsoluteErrorMinutes: Double

        enum CodingKeys: String, CodingKey {
            case modelID = "model_id", observations, heldOut = "held_out"
            case modelMeanAbsoluteErrorMinutes = "model_mae_minutes", templateMeanAbsoluteErrorMinutes = "template_mae_minutes"
        }
    }

    public func train(_ command: ScheduleTrainDurationsCommand, on pool: PostgresPool) async throws -> Result {
        let history = try await DurationModelStore.history(lookbackDays: command.lookbackDays, on: pool)
        let evaluation = DurationEvaluation(history: history, heldOutFraction: command.heldOutFraction)
        guard !history.isEmpty else {
            return Result(modelID: nil, observations: 0, heldOut: 0, modelMeanAbsoluteErrorMinutes: 0, templateMeanAbsoluteErrorMinutes: 0)
        }
        let id = try await DurationModelStore.append(DurationModel.fit(history), evaluation: evaluation, observations: history.count, on: pool)
        return Result(
            modelID: id, observations: history.count, heldOut: evaluation.count,
            modelMeanAbsoluteErrorMinutes: evaluation.modelMeanAbsoluteError, templateMeanAbsoluteErrorMinutes: evaluation.templateMeanAbsoluteError
        )
    }
}
