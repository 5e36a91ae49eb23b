extension S3BlobStore {
    /// A multipart upload: initiate, send the parts in order, complete. Any failure aborts the
    /// upload so the store keeps no orphaned parts, and the previous object stays as it was.
    func uploadInParts(
        key: BlobKey, contentType: String, size: Int64,
        part: (_ offset: Int64, _ count: Int64) async throws(BlobStoreError) -> SignedBody
    ) async throws(BlobStoreError) {
        let initiated = try await send("POST", key: key, query: [("uploads", "")], headers: [("Content-Type", contentType)])
        guard initiated.isSuccess, let uploadID = S3XML.text(of: "UploadId", in: initiated.body) else {
            throw failure(initiated, "initiate multipart upload", key)
        }
        do throws(BlobStoreError) {
            var etags: [String] = []
            var offset: Int64 = 0
            while offset < size {
                let count = min(Int64(configuration.partSize), size - offset)
                let uploaded = try await send(
                    "PUT", key: key, query: [("partNumber", String(etags.count + 1)), ("uploadId", uploadID)], body: try await part(offset, count)
                )
                guard uploaded.isSuccess, let etag = uploaded.header("ETag") else { throw failure(uploaded, "upload part \(etags.count + 1)", key) }
                etags.append(etag)
                offset += count
            }
            let manifest = "<CompleteMultipartUpload>" + etags.enumerated().map { index, etag in
                "<Part><PartNumber>\(index + 1)</PartNumber><ETag>\(S3XML.escape(etag))</ETag></Part>"
            }.joined() + "</CompleteMultipartUpload>"
            let completed = try await send(
                "POST", key: key, query: [("uploadId", uploadID)], headers: [("Content-Type", "application/xml")], body: Array(manifest.utf8)
            )
            // S3 may answer 200 and still report an error in the body of a completion.
            guard completed.isSuccess, S3XML.text(of: "Code", in: completed.body) == nil else {
                throw failure(completed, "complete multipart upload", key)
            }
        } catch {
            _ = try? await send("DELETE", key: key, query: [("uploadId", uploadID)])
            throw error
        }
    }
}
