import HTTPServer
import Telemetry

/// The web console and the technician app, static files under `/console/`:
///
///     GET /                     → 302 /console/
///     GET /console              → 301 /console/
///     GET /console/{path...}    a file of the console folder; a path without an extension is a
///                               page of the app (client-side routing) and gets `index.html`
///
/// Files are revalidated on every use (`no-cache` + ETag → 304): there is no build step that would
/// put a content hash in their names, and the technician app's service worker keeps its own copy
/// for offline use.
struct ConsoleRoutes {
    static let prefix = "/console/"
    static let shell = "index.html"

    /// Same-origin only: the console calls the gateway's own API and nothing else; no inline code.
    static let securityHeaders: HTTPHeaders = [
        "Content-Security-Policy": "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; "
            + "connect-src 'self'; worker-src 'self'; manifest-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "X-Frame-Options": "DENY",
    ]

    private let files: ConsoleFiles?

    /// A console folder that cannot be read does not stop the API: the gateway logs it and the
    /// console's routes answer 503.
    init(folder: String, logger: Logger) {
        do {
            files = try ConsoleFiles.load(folder: folder)
        } catch {
            logger.error("console not served", ["console.folder": folder, "error": error.description])
            files = nil
        }
    }

    func register(in router: inout Router) {
        router.get("/") { _ in Self.redirect(status: 302) }
        router.get("/console") { _ in Self.redirect(status: 301) }
        router.get(Self.prefix + "{path...}") { [files] request in
            guard let files else { throw HTTPError(status: 503, detail: "The console is not installed on this gateway.") }
            guard let file = Self.resolve(request.pathParameters["path"] ?? "", in: files) else {
                throw HTTPError.notFound("No such console file.")
            }
            var headers = Self.securityHeaders
            headers.set("ETag", file.etag)
            headers.set("Cache-Control", "no-cache")
            if let tags = request.headers["If-None-Match"], tags.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == file.etag }) {
                return HTTPResponse(status: 304, headers: headers)
            }
            headers.set("Content-Type", file.contentType)
            return HTTPResponse(status: 200, headers: headers, body: file.body)
        }
    }

    /// The file a request path names. Hidden or parent segments (`.`, `..`, `.git`), empty segments
    /// and backslashes name nothing, whatever the table holds.
    static func resolve(_ path: String, in files: ConsoleFiles) -> ConsoleFiles.File? {
        if path.isEmpty { return files.files[shell] }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        guard segments.allSatisfy({ !$0.isEmpty && !$0.hasPrefix(".") && !$0.contains("\\") && !$0.contains("\0") }) else { return nil }
        if let file = files.files[path] { return file }
        return segments.last!.contains(".") ? nil : files.files[shell]
    }

    private static func redirect(status: Int) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Location": prefix, "Cache-Control": "no-cache"])
    }
}
