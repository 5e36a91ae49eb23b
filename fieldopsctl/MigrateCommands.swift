import FieldOpsCore
import Postgres
import Telemetry

enum MigrateCommands {
    static let all: [CLICommand] = [
        CLICommand(
            words: ["migrate", "control"],
            summary: "apply the control-plane migrations (idempotent)",
            usage: "fieldopsctl migrate control [--dir migrations/control]\n\nApplies pending migrations to FIELDOPS_POSTGRES_URL under an advisory lock; refuses to run\nwhen an applied migration was edited. Exit 0 when the database is up to date.",
            options: ["dir"]
        ) { arguments, environment in
            let logger = Logger.commandLine
            let migrations = try PostgresMigration.load(directory: arguments.option("dir", default: "migrations/control"))
            var configuration = try PostgresConfiguration(environment: environment)
            configuration.applicationName = "fieldopsctl"
            let migrator = try PostgresMigrator(migrations: migrations, logger: logger)
            let connection = try await PostgresConnection.connect(configuration: configuration, logger: logger)
            let applied: [PostgresMigration]
            do {
                applied = try await migrator.migrate(connection: connection)
            } catch {
                await connection.close()
                throw error
            }
            await connection.close()
            print(applied.isEmpty ? "up to date (\(migrations.count) migrations)" : applied.map { "applied \($0.label)" }.joined(separator: "\n"))
            return 0
        },
    ]
}
