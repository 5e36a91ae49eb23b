import AMQP
import FieldOpsCore
import Postgres
import ReportScheduling
import Tenancy

/// `fieldopsctl reports …`: scheduled reports (the Helm chart's CronJobs run `reports schedule`).
enum ReportCommands {
    static let all: [CLICommand] = [
        CLICommand(
            words: ["reports", "schedule"],
            summary: "submit the daily, weekly or monthly reports of every active tenant (idempotent)",
            usage: """
                fieldopsctl reports schedule --daily|--weekly|--monthly [--tenant <slug>]

                --daily    a daily site report (PDF) for each active site, for yesterday (UTC)
                --weekly   the weekly summary (PDF), timesheets and invoice-ready export (XLSX) of last Monday–Sunday
                --monthly  the same for last calendar month
                Each report becomes a job whose id is derived from tenant, report and period: running the
                same schedule twice submits each report once. Reads FIELDOPS_POSTGRES_URL (control plane),
                FIELDOPS_DATABASE_SERVERS and FIELDOPS_TENANT_SECRETS_KEY (tenant databases), FIELDOPS_AMQP_URL.
                Exit 0 when every tenant's reports were submitted, 1 when some failed (rerun), 2 on bad usage.
                """,
            options: ["tenant"], flags: ["daily", "weekly", "monthly"]
        ) { arguments, environment in
            _ = try arguments.positional()
            let chosen = ReportCadence.allCases.filter { arguments.flag($0.rawValue) }
            guard chosen.count == 1, let cadence = chosen.first else { throw UsageError("give exactly one of --daily, --weekly, --monthly") }
            var configuration = try PostgresConfiguration(environment: environment)
            configuration.applicationName = "fieldopsctl"
            configuration.pool.maxConnections = 2
            let controlPlane = PostgresPool(configuration: configuration, logger: .commandLine)
            let tenants = TenantDatabases(controlPlane: controlPlane, configuration: try TenancyConfiguration(environment: environment), logger: .commandLine)
            let outcome: Result<ReportScheduler.Outcome, any Error>
            do {
                let broker = try await AMQPConnection.connect(
                    configuration: try AMQPConfiguration(environment: environment, connectionName: "fieldopsctl"), logger: .commandLine
                )
                let scheduler = ReportScheduler(controlPlane: controlPlane, tenants: tenants, broker: broker, logger: .commandLine)
                do {
                    outcome = .success(try await scheduler.run(cadence, tenant: arguments.options["tenant"]))
                } catch {
                    outcome = .failure(error)
                }
                await broker.close()
            } catch {
                outcome = .failure(error)
            }
            await tenants.close()
            await controlPlane.close()
            let result = try outcome.get()
            print("\(cadence.rawValue) reports: \(result.submitted.count) submitted, \(result.existing.count) already submitted")
            for (tenant, reason) in result.failures.sorted(by: { $0.key < $1.key }) {
                StandardError.print("fieldopsctl reports schedule: \(tenant): \(reason)")
            }
            return result.failures.isEmpty ? 0 : 1
        },
    ]
}
