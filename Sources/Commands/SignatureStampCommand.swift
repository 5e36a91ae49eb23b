import Mesh

/// Stamp the image of a handwritten signature: `POST /v1/interventions/{id}/signatures/{signature_id}/image`
/// stores the original and the `signature_images` row, then publishes this to the photo worker,
/// which reads the signer, time, position and summary hash from the signature itself.
public struct SignatureStampCommand: MeshMessage, Equatable {
    public static let type = "signature.stamp.v1"
    public static let routingKey = "signature.stamp"

    public var signatureID: String
    public var interventionID: String

    public init(signatureID: String, interventionID: String) {
        self.signatureID = signatureID
        self.interventionID = interventionID
    }

    enum CodingKeys: String, CodingKey {
        case signatureID = "signature_id", interventionID = "intervention_id"
    }

    public func validate() throws(MessageValidationError) {
        var problems: [String: String] = [:]
        if !UUIDText.isValid(signatureID) { problems["signature_id"] = "must be a UUID" }
        if !UUIDText.isValid(interventionID) { problems["intervention_id"] = "must be a UUID" }
        guard problems.isEmpty else { throw MessageValidationError(problems) }
    }
}
