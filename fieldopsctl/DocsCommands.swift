import Domain
import FieldOpsCore
import Foundation

/// `fieldopsctl docs …`: documents generated from the code, so they cannot drift from it.
enum DocsCommands {
    static let all: [CLICommand] = [
        CLICommand(
            words: ["docs", "permissions"],
            summary: "print the permission matrix as Markdown (docs/permissions.md)",
            usage: """
                fieldopsctl docs permissions > docs/permissions.md

                Prints who may read, create, update and delete in each area, from the matrix every route is checked
                against. Exit 0.
                """
        ) { arguments, _ in
            _ = try arguments.positional()
            print(PermissionMatrix.markdown, terminator: "")
            return 0
        },
        CLICommand(
            words: ["docs", "openapi"],
            summary: "regenerate the domain resources' part of docs/openapi.json from the resource catalog",
            usage: """
                fieldopsctl docs openapi [--file docs/openapi.json]

                Replaces the paths and schemas of the resource catalog's common verbs in the document and keeps every
                hand-written path and schema; writes the file back with sorted keys. Exit 0.
                """,
            options: ["file"]
        ) { arguments, _ in
            _ = try arguments.positional()
            let file = URL(fileURLWithPath: arguments.option("file", default: "docs/openapi.json"))
            let document = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: file))
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try (encoder.encode(ResourceOpenAPI.merge(into: document)) + Data("\n".utf8)).write(to: file)
            print("wrote \(file.path)")
            return 0
        },
    ]
}
