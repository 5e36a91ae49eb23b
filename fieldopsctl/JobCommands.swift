import FieldOpsCore
import Foundation
import Jobs
import Operations
import Postgres

/// `fieldopsctl jobs …`: asynchronous jobs as the control plane records them.
enum JobCommands {
    static let all: [CLICommand] = [
        CLICommand(
            words: ["jobs", "show"],
            summary: "print a job: status, kind, tenant, attempts, times, result or error",
            usage: """
                fieldopsctl jobs show <job-id>

                Reads the job from the control-plane database (FIELDOPS_POSTGRES_URL), whatever its tenant.
                Exit 0 when found, 1 when there is no such job (or the database fails), 2 on bad usage.
                """
        ) { arguments, environment in
            let word = try arguments.positional("job-id")[0]
            guard let id = UUID(uuidString: word) else { throw UsageError("'\(word)' is not a job id (a UUID)") }
            var configuration = try PostgresConfiguration(environment: environment)
            configuration.applicationName = "fieldopsctl"
            configuration.pool.maxConnections = 1
            let pool = PostgresPool(configuration: configuration, logger: .commandLine)
            let job: JobRecord?
            do {
                job = try await JobStore(pool: pool).find(id: id)
            } catch {
                await pool.close()
                throw error
            }
            await pool.close()
            guard let job else {
                StandardError.print("fieldopsctl jobs show: no such job \(word)")
                return 1
            }
            print(JobReport.detail(job))
            return 0
        },
    ]
}
