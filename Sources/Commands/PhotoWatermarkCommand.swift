import Mesh

/// Stamp and derive one uploaded photo: `POST /v1/interventions/{id}/photos` stores the original and
/// the photo row, then publishes this; the photo worker reads everything else from that row.
public struct PhotoWatermarkCommand: MeshMessage, Equatable {
    public static let type = "photo.watermark.v1"
    public static let routingKey = "photo.watermark"

    public var photoID: String
    public var interventionID: String

    public init(photoID: String, interventionID: String) {
        self.photoID = photoID
        self.interventionID = interventionID
    }

    enum CodingKeys: String, CodingKey {
        case photoID = "photo_id", interventionID = "intervention_id"
    }

    public func validate() throws(MessageValidationError) {
        var problems: [String: String] = [:]
        if !UUIDText.isValid(photoID) { problems["photo_id"] = "must be a UUID" }
        if !UUIDText.isValid(interventionID) { problems["intervention_id"] = "must be a UUID" }
        guard problems.isEmpty else { throw MessageValidationError(problems) }
    }
}
