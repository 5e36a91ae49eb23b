import HTTPServer
import PhotoProcessing

/// An uploaded image (the raw request body), checked before anything is stored: its size (`413`),
/// its type by content (`415`) and, from its header alone, its pixel count (`422` for a
/// decompression bomb or a damaged header). Neither the checks nor the hash hold the whole body in
/// memory (see `UploadBody`).
struct ImageUpload: Sendable {
    let body: UploadBody
    let header: PhotoHeader
    let sha256: [UInt8]

    /// - Parameter formats: the image types this upload may be.
    init(_ request: HTTPRequest, settings: PhotoUploadSettings, formats: Set<ImageFormat> = Set(ImageFormat.allCases)) throws(HTTPError) {
        body = UploadBody(request)
        guard body.byteCount <= settings.maxBytes else {
            throw HTTPError(status: 413, detail: "An image is at most \(settings.maxBytes) bytes.")
        }
        do {
            header = try body.photoHeader(maxPixels: settings.maxPixels)
        } catch {
            throw Self.refusal(error)
        }
        guard formats.contains(header.format) else {
            throw Self.unsupported(formats)
        }
        sha256 = try body.sha256()
    }

    /// `415` for what is not an accepted image, `422` for an image that cannot be accepted.
    private static func refusal(_ error: PhotoError) -> HTTPError {
        switch error.code {
        case .unsupportedFormat:
            unsupported(Set(ImageFormat.allCases))
        case .tooManyPixels:
            HTTPError(ProblemDetails(status: 422, title: "Too many pixels", detail: error.message))
        case .empty, .corrupt:
            HTTPError(ProblemDetails(status: 422, title: "Unreadable image", detail: error.message))
        case .processingFailed:
            HTTPError(status: 500, detail: error.message)
        }
    }

    private static func unsupported(_ formats: Set<ImageFormat>) -> HTTPError {
        let names = ImageFormat.allCases.filter(formats.contains).map { $0.rawValue.uppercased() }
        return HTTPError(status: 415, detail: "Accepted images: \(names.joined(separator: ", ")) (checked by content).")
    }
}
