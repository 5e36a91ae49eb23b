import FieldOpsCrypto
import Foundation

/// The web console's files, read once at start-up into memory and served from there.
///
/// Serving only what was found under the folder at load time makes path traversal impossible by
/// construction: a request names a key of this table or nothing. Hidden files and symbolic links
/// are left out, so a link cannot smuggle in a file from elsewhere on the disk.
struct ConsoleFiles: Sendable {
    struct File: Sendable {
        let body: [UInt8]
        let contentType: String
        /// A strong validator: the start of the content's SHA-256, quoted.
        let etag: String
    }

    enum LoadError: Error, CustomStringConvertible {
        case unreadableFolder(String)
        case tooLarge(path: String, bytes: Int)

        var description: String {
            switch self {
            case .unreadableFolder(let path): "the console folder '\(path)' cannot be read"
            case .tooLarge(let path, let bytes): "'\(path)' is \(bytes) bytes; console files are at most \(ConsoleFiles.maximumFileBytes)"
            }
        }
    }

    /// The console is small hand-written HTML, CSS, JavaScript and icons; anything bigger is a mistake.
    static let maximumFileBytes = 4 * 1024 * 1024

    /// Relative path (`js/app.js`) → file.
    let files: [String: File]

    init(files: [String: File]) {
        self.files = files
    }

    /// Reads every regular, non-hidden file under `folder`.
    static func load(folder: String) throws(LoadError) -> ConsoleFiles {
        let root = URL(fileURLWithPath: folder, isDirectory: true).standardizedFileURL
        let manager = FileManager.default
        guard let walker = manager.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey, .isSymbolicLinkKey], options: [.skipsHiddenFiles]
        ) else { throw .unreadableFolder(folder) }
        var files: [String: File] = [:]
        for case let url as URL in walker {
            guard let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .isSymbolicLinkKey]),
                  values.isRegularFile == true, values.isSymbolicLink != true else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(root.path.count + 1))
            guard let data = manager.contents(atPath: url.path) else { throw .unreadableFolder(url.path) }
            guard data.count <= maximumFileBytes else { throw .tooLarge(path: relative, bytes: data.count) }
            let body = Array(data)
            files[relative] = File(body: body, contentType: contentType(of: relative), etag: "\"" + SHA256.hex(body).prefix(32) + "\"")
        }
        guard !files.isEmpty else { throw .unreadableFolder(folder) }
        return ConsoleFiles(files: files)
    }

    /// The media type by extension; unknown kinds are served as bytes that browsers will not run.
    static func contentType(of path: String) -> String {
        let name = path.split(separator: "/").last ?? ""
        let suffix = name.split(separator: ".").count > 1 ? String(name.split(separator: ".").last!).lowercased() : ""
        return switch suffix {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js", "mjs": "text/javascript; charset=utf-8"
        case "json": "application/json"
        case "webmanifest": "application/manifest+json"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "ico": "image/x-icon"
        case "txt": "text/plain; charset=utf-8"
        case "woff2": "font/woff2"
        default: "application/octet-stream"
        }
    }
}
