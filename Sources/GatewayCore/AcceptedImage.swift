import FieldOpsCrypto

/// The answer to an image upload (a photo, a signature's image): the image as far as its header
/// tells, and the job that will stamp it.
struct AcceptedImage: Encodable, Sendable {
    /// The photo's id, or the signature's the image belongs to.
    let id: String
    let interventionID: String
    let status = "queued"
    let format: String
    let width: Int
    let height: Int
    let sizeBytes: Int
    let originalSHA256: String
    let job: JobSubmitter.Accepted

    init(id: String, interventionID: String, upload: ImageUpload, job: JobSubmitter.Accepted) {
        self.id = id
        self.interventionID = interventionID
        format = upload.header.format.rawValue
        (width, height) = (upload.header.width, upload.header.height)
        sizeBytes = upload.body.byteCount
        originalSHA256 = Hex.encode(upload.sha256)
        self.job = job
    }

    enum CodingKeys: String, CodingKey {
        case id, interventionID = "intervention_id", status, format, width, height, sizeBytes = "size_bytes"
        case originalSHA256 = "original_sha256", job
    }
}
