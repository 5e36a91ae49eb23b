import Foundation
import Jobs

/// How `fieldopsctl jobs show` prints a job.
public enum JobReport {
    public static func detail(_ job: JobRecord) -> String {
        var lines = [
            "id:           \(job.id.uuidString.lowercased())",
            "tenant:       \(job.tenant)",
            "kind:         \(job.kind)",
            "status:       \(job.status.rawValue)",
            "submitted by: \(job.submittedBy)",
            "attempts:     \(job.attempts)",
            "created at:   \(job.createdAt.iso8601Text)",
            "updated at:   \(job.updatedAt.iso8601Text)",
            "finished at:  \(job.finishedAt?.iso8601Text ?? "-")",
        ]
        lines += section("payload", job.payload)
        if let result = job.result { lines += section("result", result) }
        if let error = job.error { lines += section("error", error) }
        return lines.joined(separator: "\n")
    }

    private static func section(_ title: String, _ json: [UInt8]) -> [String] {
        ["\(title):", PrettyJSON.render(json) ?? String(decoding: json, as: UTF8.self)]
    }
}
