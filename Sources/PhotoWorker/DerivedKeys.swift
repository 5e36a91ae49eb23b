import BlobStore

/// Where a photo's derived files go: fixed per photo, so a redelivery overwrites them with the same
/// bytes rather than leaving copies behind.
struct DerivedKeys {
    let watermarked: BlobKey
    let preview: BlobKey
    let thumbnail: BlobKey

    init(tenant: String, subject: PhotoSubject) throws(BlobStoreError) {
        let folder = "\(tenant)/photos/\(subject.interventionID)/\(subject.photoID.uuidString.lowercased())"
        watermarked = try BlobKey("\(folder)/watermarked.jpg")
        preview = try BlobKey("\(folder)/preview-1600.jpg")
        thumbnail = try BlobKey("\(folder)/thumbnail-400.jpg")
    }
}
