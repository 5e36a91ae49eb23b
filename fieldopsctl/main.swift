#if canImport(Glibc)
import Glibc
#endif
import FieldOpsCore
import Operations

/// `fieldopsctl` — operator commands for the FieldOps360 platform.
let commands: [CLICommand] = TopologyCommands.all + MigrateCommands.all + DeadLetterCommands.all + JobCommands.all
    + TokenCommands.all + TenantCommands.all + DeviceCommands.all + AuditCommands.all + DocsCommands.all
    + ReportCommands.all

func overview() -> String {
    let width = commands.map { $0.words.joined(separator: " ").count }.max() ?? 0
    let lines = commands.map { command in
        let name = command.words.joined(separator: " ")
        return "  " + name + String(repeating: " ", count: width - name.count + 2) + command.summary
    }
    return (["usage: fieldopsctl <command> [options]   (--help on any command)", "", "commands:"] + lines).joined(separator: "\n")
}

let words = Array(CommandLine.arguments.dropFirst())
guard let command = commands.first(where: { words.starts(with: $0.words) }) else {
    let asked = words.filter { !$0.hasPrefix("-") }
    if asked.isEmpty {
        print(overview())
        exit(words.contains { $0 == "--help" || $0 == "-h" } ? 0 : 2)
    }
    StandardError.print("fieldopsctl: unknown command '\(asked.joined(separator: " "))'\n\n" + overview())
    exit(2)
}

do {
    let arguments = try ParsedArguments(
        Array(words.dropFirst(command.words.count)), options: command.options, flags: command.flags
    )
    if arguments.wantsHelp {
        print(command.usage)
        exit(0)
    }
    exit(try await command.run(arguments, Environment.process()))
} catch let error as UsageError {
    StandardError.print("fieldopsctl: \(error)\n\n\(command.usage)")
    exit(2)
} catch let error as OperationsError where error.code == .invalidRequest {
    StandardError.print("fieldopsctl \(command.words.joined(separator: " ")): \(error)")
    exit(2)
} catch {
    StandardError.print("fieldopsctl \(command.words.joined(separator: " ")): \(error)")
    exit(1)
}
