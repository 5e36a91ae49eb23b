import HTTPServer

/// Strong ETags from row versions: `"7"`. `If-Match` on every change makes lost updates impossible:
/// a client that read version 7 cannot overwrite version 8.
enum ETag {
    static func header(_ version: Int) -> String { "\"\(version)\"" }

    /// The version an `If-Match` names; `428` when it is missing, `412`-worthy garbage as `400`.
    static func required(_ request: HTTPRequest) throws(HTTPError) -> Int {
        guard let value = request.headers["If-Match"] else {
            throw HTTPError(status: 428, detail: "Send If-Match with the ETag you read, so a concurrent change is not overwritten.")
        }
        let trimmed = value.hasPrefix("W/") ? String(value.dropFirst(2)) : value
        guard trimmed.count >= 3, trimmed.first == "\"", trimmed.last == "\"", let version = Int(trimmed.dropFirst().dropLast()) else {
            throw HTTPError.badRequest("If-Match must be an ETag this API returned, such as \"3\".")
        }
        return version
    }

    /// True when `If-None-Match` already names this version (answer 304).
    static func matches(_ request: HTTPRequest, version: Int) -> Bool {
        guard let value = request.headers["If-None-Match"] else { return false }
        return value.split(separator: ",").contains { tag in
            let trimmed = tag.trimmingCharacters(in: .whitespaces)
            return trimmed == "*" || trimmed == header(version) || trimmed == "W/" + header(version)
        }
    }
}
