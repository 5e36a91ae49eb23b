import Mesh
import Tenancy

extension TenantUsage {
    /// Meters what one evidence image added, after its record committed. Metering lives in another
    /// database: a failure here under-counts one image rather than failing evidence already recorded.
    func recordEvidence(_ amounts: [Counter: Int64], tenant: String, context: MessageContext) async {
        do {
            try await add(amounts, to: .slug(tenant))
        } catch {
            context.logger.warning("evidence usage not recorded", ["error": "\(error)", "message.id": context.messageID])
        }
    }
}
