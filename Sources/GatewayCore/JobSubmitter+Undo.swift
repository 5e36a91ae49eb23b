import HTTPServer
import Identity
import Mesh

extension JobSubmitter {
    /// `enqueue`, undoing what the route recorded for the job when nothing was accepted: no job will
    /// ever process a row left `queued`, and such a row could block the client's next attempt.
    func enqueue<Message: MeshMessage>(
        _ message: Message, routingKey: String, claims: AccessClaims, request: HTTPRequest, undo: () async -> Void
    ) async throws -> Accepted {
        do {
            return try await enqueue(message, routingKey: routingKey, claims: claims, request: request)
        } catch {
            await undo()
            throw error
        }
    }
}
