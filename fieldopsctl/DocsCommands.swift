import Domain

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
    ]
}
