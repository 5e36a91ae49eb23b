import AMQP
import Foundation

/// How `fieldopsctl dlq` prints parked messages: a table, a JSON array, or one message in full.
public enum ParkedMessageReport {
    /// One header line, then one line per message. Missing values print as `-`.
    public static func table(_ messages: [ParkedMessage]) -> String {
        let header = ["POS", "MESSAGE-ID", "TYPE", "TENANT", "ATTEMPT", "PARKED-AT", "REASON"]
        let rows = messages.map { message in
            [
                "\(message.position)", message.messageID ?? "-", message.type ?? "-", message.tenant ?? "-",
                message.attempt.map { "\($0)" } ?? "-", message.parkedAt?.iso8601Text ?? "-", oneLine(message.reason),
            ]
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        return ([header] + rows).map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] - cell.count)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    /// A JSON array of summaries, for scripts.
    public static func json(_ messages: [ParkedMessage]) -> String {
        let summaries: [[String: Any]] = messages.map { message in
            var summary: [String: Any] = [
                "position": message.position, "reason": message.reason, "origin_queue": message.originQueue,
            ]
            summary["message_id"] = message.messageID
            summary["type"] = message.type
            summary["tenant"] = message.tenant
            summary["attempt"] = message.attempt.map { Int($0) }
            summary["parked_at"] = message.parkedAt?.iso8601Text
            return summary
        }
        // JSONSerialization prints an empty array over three lines.
        return summaries.isEmpty ? "[]" : PrettyJSON.text(summaries) ?? "[]"
    }

    /// Every property, every header and the body: indented JSON when it is JSON, else base64.
    public static func detail(_ message: ParkedMessage, queue: ParkingQueue) -> String {
        var lines = [
            "queue:       \(queue.name) (position \(message.position))",
            "origin:      \(message.originQueue)",
            "reason:      \(indented(message.reason))",
            "parked at:   \(message.parkedAt?.iso8601Text ?? "-")",
            "properties:",
        ]
        lines += propertyLines(message.properties).map { "  \($0.name): \($0.value)" }
        lines.append("headers:")
        let headers = message.properties.headers ?? [:]
        lines += headers.keys.sorted().map { "  \($0): \(indented(FieldValueJSON.text(headers[$0]!)))" }
        if let json = PrettyJSON.render(message.body) {
            lines += ["body (JSON, \(message.body.count) bytes):", json]
        } else {
            lines += ["body (base64, \(message.body.count) bytes):", Data(message.body).base64EncodedString()]
        }
        return lines.joined(separator: "\n")
    }

    private static func propertyLines(_ properties: AMQPProperties) -> [(name: String, value: String)] {
        let all: [(String, String?)] = [
            ("message_id", properties.messageId),
            ("type", properties.type),
            ("correlation_id", properties.correlationId),
            ("content_type", properties.contentType),
            ("content_encoding", properties.contentEncoding),
            ("delivery_mode", properties.deliveryMode.map { "\($0.rawValue) (\($0))" }),
            ("priority", properties.priority.map { "\($0)" }),
            ("timestamp", properties.timestamp.map { Date(timeIntervalSince1970: TimeInterval($0)).iso8601Text }),
            ("expiration", properties.expiration),
            ("reply_to", properties.replyTo),
            ("user_id", properties.userId),
            ("app_id", properties.appId),
        ]
        return all.compactMap { name, value in value.map { (name, $0) } }
    }

    /// Continuation lines of a multi-line value, indented under it.
    private static func indented(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: "\n    ")
    }

    /// Reasons can hold a stack of error text; one table row must stay one line.
    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
