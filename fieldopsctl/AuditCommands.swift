import Domain
import FieldOpsCore
import Postgres
import Tenancy
import Telemetry

/// `fieldopsctl audit verify <tenant>`: walks the tenant's audit hash chain.
enum AuditCommands {
    static let all: [CLICommand] = [
        CLICommand(
            words: ["audit", "verify"],
            summary: "recompute a tenant's audit hash chain and report any edited, deleted or truncated entry",
            usage: """
                fieldopsctl audit verify <tenant>

                Reads every audit entry of the tenant in order, recomputes its SHA-256 from its content and the
                previous entry's hash, and compares the end of the chain with its recorded head. Prints one line
                per problem. Reaches the tenant's database through the control plane (FIELDOPS_POSTGRES_URL,
                FIELDOPS_TENANT_SECRETS_KEY, FIELDOPS_DATABASE_SERVERS).
                Exit 0 when the chain is intact, 3 when it is broken, 1 when the tenant cannot be read.
                """
        ) { arguments, environment in
            let slug = try arguments.positional("tenant")[0]
            var configuration = try PostgresConfiguration(environment: environment)
            configuration.applicationName = "fieldopsctl"
            let controlPlane = PostgresPool(configuration: configuration, logger: .commandLine)
            let tenants = TenantDatabases(controlPlane: controlPlane, configuration: try TenancyConfiguration(environment: environment), logger: .commandLine)
            let outcome: Result<AuditChainVerifier, any Error>
            do {
                let pool = try await tenants.pool(for: slug)
                outcome = .success(try await pool.withConnection { try await AuditTrail().verify(on: $0) })
            } catch {
                outcome = .failure(error)
            }
            await tenants.close()
            await controlPlane.close()
            let verifier = try outcome.get()
            for problem in verifier.problems { print(problem) }
            print(verifier.isIntact ? "audit chain of \(slug) intact: \(verifier.checked) entries" : "audit chain of \(slug) BROKEN: \(verifier.problems.count) problem(s) in \(verifier.checked) entries")
            return verifier.isIntact ? 0 : 3
        },
    ]
}
