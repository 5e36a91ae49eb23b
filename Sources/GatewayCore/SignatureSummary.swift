#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HTTPServer

/// One signature in `GET /v1/interventions/{id}/signatures`.
struct SignatureSummary: Encodable, Sendable {
    /// The handwritten signature's image, when one was uploaded.
    struct Image: Encodable, Sendable {
        /// Short-lived signed URLs; `stamped` absent until the photo worker made it.
        struct URLs: Encodable, Sendable {
            let original: String?
            let stamped: String?
        }

        let status: String
        let contentType: String
        let sizeBytes: Int
        let originalSHA256: String
        let stampedSHA256: String?
        let width: Int?
        let height: Int?
        let failureReason: String?
        let urls: URLs

        enum CodingKeys: String, CodingKey {
            case status, contentType = "content_type", sizeBytes = "size_bytes", originalSHA256 = "original_sha256"
            case stampedSHA256 = "stamped_sha256", width, height, failureReason = "failure_reason", urls
        }
    }

    let id: String
    let signerName: String
    let signerRole: String
    let signedAt: Date
    let latitude: Double?
    let longitude: Double?
    /// The SHA-256 of the intervention summary the signer approved.
    let summarySHA256: String
    let image: Image?

    enum CodingKeys: String, CodingKey {
        case id, signerName = "signer_name", signerRole = "signer_role", signedAt = "signed_at", latitude, longitude
        case summarySHA256 = "summary_sha256", image
    }
}

/// `GET /v1/interventions/{id}/signatures`.
struct SignatureList: Encodable, Sendable {
    let signatures: [SignatureSummary]
    let urlsExpireInSeconds: Int

    enum CodingKeys: String, CodingKey {
        case signatures, urlsExpireInSeconds = "urls_expire_in_seconds"
    }
}
