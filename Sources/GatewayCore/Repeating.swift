import Telemetry

/// Runs `pass` every `interval` until the task is cancelled. A failed pass is logged as `failure` and
/// tried again at the next interval: background upkeep never stops the gateway.
func repeating(every interval: Duration, logger: Logger, failure: String, _ pass: () async throws -> Void) async {
    while !Task.isCancelled {
        do {
            try await pass()
        } catch {
            logger.warning(failure, ["error": "\(error)"])
        }
        try? await Task.sleep(for: interval)
    }
}
