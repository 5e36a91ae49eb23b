import FieldOpsCore
import Foundation
import Postgres
import Tenancy

/// `fieldopsctl tenant …`: provision tenants and manage their status and licence.
enum TenantCommands {
    private static let environmentHelp = """
        Reads the control plane from FIELDOPS_POSTGRES_URL, the servers tenants are placed on from
        FIELDOPS_DATABASE_SERVERS (name=postgresql://admin@host:port/postgres,…; registered in the control
        plane at each create) and the key sealing tenant passwords from FIELDOPS_TENANT_SECRETS_KEY.
        """

    static let all: [CLICommand] = [
        CLICommand(
            words: ["tenant", "create"],
            summary: "provision a tenant: role, database, migrations, reference data, invited admin",
            usage: """
                fieldopsctl tenant create <slug> --name <name> --sector btp|electrical|public_works --admin-email <email> [--server <name>]

                Runs each provisioning step and prints it, then the admin's invite token (shown only this once).
                Rerunning after a failure resumes where it stopped; on an active tenant it changes nothing.
                Without --server the tenant goes to the active server with the lowest share of its capacity used.
                \(environmentHelp)
                Exit 0 when the tenant is provisioned, 1 when a step fails (rerun to resume), 2 on bad usage.
                """,
            options: ["name", "sector", "admin-email", "server"]
        ) { arguments, environment in
            let slug = try arguments.positional("slug")[0]
            let name = try required(arguments, "name")
            let sector = try required(arguments, "sector")
            let adminEmail = try required(arguments, "admin-email")
            do throws(TenancyError) {
                _ = try TenantSlug(slug)
                _ = try TenantSector(validating: sector)
            } catch {
                throw UsageError(error.message)
            }
            return try await withProvisioner(environment) { provisioner in
                let result = try await provisioner.provision(
                    slug: slug, name: name, sector: sector, adminEmail: adminEmail, server: arguments.options["server"]
                ) { report in
                    let columns = [report.outcome.rawValue.padded(8), report.step.rawValue.padded(22), "\(report.duration.wholeMilliseconds) ms".padded(8)]
                    print(columns.joined(separator: " ") + " " + report.detail)
                }
                let placement = result.tenant.placement
                if result.steps.isEmpty {
                    print("tenant \(slug) is already \(result.tenant.status.rawValue) on \(placement.serverName) (nothing to do)")
                } else {
                    print("tenant \(slug) \(result.tenant.status.rawValue) on \(placement.serverName), database \(placement.databaseName), in \(result.duration.wholeMilliseconds) ms")
                }
                if let token = result.inviteToken {
                    print("invite token for \(result.tenant.adminEmail) (shown once): \(token)")
                }
                return 0
            }
        },
        CLICommand(
            words: ["tenant", "list"],
            summary: "list tenants: status, sector, placement, licence",
            usage: """
                fieldopsctl tenant list

                One line per tenant, by slug: status, sector, server, database, seats, modules, licence expiry (UTC).
                \(environmentHelp)
                Exit 0 on success, 1 when the control plane fails.
                """
        ) { arguments, environment in
            _ = try arguments.positional()
            return try await withProvisioner(environment) { provisioner in
                let tenants = try await provisioner.list()
                if tenants.isEmpty {
                    print("no tenants")
                } else {
                    print(TenantReport.table(tenants))
                }
                return 0
            }
        },
        CLICommand(
            words: ["tenant", "migrate"],
            summary: "apply new tenant migrations to one tenant or to every active and suspended tenant",
            usage: """
                fieldopsctl tenant migrate <slug> | --all

                Applies the tenant migrations (FIELDOPS_TENANT_MIGRATIONS_DIR) added since each tenant was
                provisioned, as the tenant's own role, one tenant at a time; prints one line per tenant.
                \(environmentHelp)
                Exit 0 when every tenant is up to date, 1 when one fails (the others are still migrated).
                """,
            flags: ["all"]
        ) { arguments, environment in
            let all = arguments.flag("all")
            let named = all ? try arguments.positional() : try arguments.positional("slug")
            return try await withProvisioner(environment) { provisioner in
                let slugs = all ? try await provisioner.list().filter { $0.status == .active || $0.status == .suspended }.map(\.slug) : named
                var failures = 0
                for slug in slugs {
                    do {
                        let applied = try await provisioner.migrate(slug)
                        print("\(slug.padded(24)) " + (applied.isEmpty ? "up to date" : "applied " + applied.map(\.label).joined(separator: ", ")))
                    } catch {
                        failures += 1
                        print("\(slug.padded(24)) FAILED: \(error)")
                    }
                }
                return failures == 0 ? 0 : 1
            }
        },
        CLICommand(
            words: ["tenant", "move"],
            summary: "move a tenant's database to another configured server (short write freeze)",
            usage: """
                fieldopsctl tenant move <slug> --to <server>

                Marks the tenant moving (every process refuses it with 503 + Retry-After), waits the placement TTL
                (FIELDOPS_TENANT_PLACEMENT_TTL_MS) so no process still writes to the old copy, copies the database
                with pg_dump/pg_restore as the tenant's role, records the new placement, reactivates the tenant and
                drops the old copy. On failure the tenant stays active where it was.
                \(environmentHelp)
                Exit 0 when moved, 1 on failure, 2 on bad usage.
                """,
            options: ["to"]
        ) { arguments, environment in
            let slug = try arguments.positional("slug")[0]
            let server = try required(arguments, "to")
            return try await withProvisioner(environment) { provisioner in
                let tenant = try await provisioner.move(slug, to: server) { print($0) }
                print("tenant \(tenant.slug) is \(tenant.status.rawValue) on \(tenant.placement.serverName)")
                return 0
            }
        },
        CLICommand(
            words: ["tenant", "delete"],
            summary: "archive a tenant's database to a file, then delete the tenant (database, role, record)",
            usage: """
                fieldopsctl tenant delete <slug> --archive <file.dump> --yes

                Writes the tenant's whole database to <file.dump> (pg_dump custom format, mode 0600; restore it
                with pg_restore) and checks the archive reads back, then drops the database and the role and
                removes the tenant. Nothing is deleted when the archive fails.
                \(environmentHelp)
                Exit 0 when deleted, 1 on failure, 2 on bad usage (missing --archive or --yes).
                """,
            options: ["archive"], flags: ["yes"]
        ) { arguments, environment in
            let slug = try arguments.positional("slug")[0]
            let archive = try required(arguments, "archive")
            guard arguments.flag("yes") else { throw UsageError("deleting a tenant needs --yes") }
            return try await withDeviceRevocation(slug, environment) {
                try await withProvisioner(environment) { provisioner in
                    try await provisioner.delete(slug, archivePath: archive)
                    print("tenant \(slug) archived to \(archive) and deleted")
                    return 0
                }
            }
        },
        statusCommand("suspend", summary: "suspend a tenant: its database is refused until resumed") { try await $0.suspend($1) },
        statusCommand("resume", summary: "make a suspended tenant active again") { try await $0.resume($1) },
        CLICommand(
            words: ["tenant", "licence"],
            summary: "change a tenant's seats, modules or licence expiry",
            usage: """
                fieldopsctl tenant licence <slug> [--seats N] [--modules a,b] [--expires YYYY-MM-DD|none]

                Changes only what is given (at least one): --modules replaces the list (empty string: none),
                --expires is the start of that day in UTC, none removes the end date.
                \(environmentHelp)
                Exit 0 on success, 1 when there is no such tenant or the control plane fails, 2 on bad usage.
                """,
            options: ["seats", "modules", "expires"]
        ) { arguments, environment in
            let slug = try arguments.positional("slug")[0]
            guard !arguments.options.isEmpty else { throw UsageError("give at least one of --seats, --modules, --expires") }
            let seats = arguments.options["seats"] == nil ? nil : try arguments.integer("seats", default: 0, in: 0...1_000_000)
            let modules = arguments.options["modules"].map { $0.split(separator: ",").map { String($0) } }
            let expiry: Date?? = try arguments.options["expires"].map(expiryDate)
            return try await withProvisioner(environment) { provisioner in
                guard var licence = try await provisioner.find(slug)?.licence else {
                    throw TenancyError(code: .unknownTenant, message: "no tenant \(slug)")
                }
                if let seats { licence.seats = seats }
                if let modules { licence.modules = modules }
                if let expiry { licence.expiresAt = expiry }
                print(TenantReport.table([try await provisioner.updateLicence(slug, licence)]))
                return 0
            }
        },
        CLICommand(
            words: ["tenant", "abandon"],
            summary: "drop a tenant's database and role and delete its record (needs --yes)",
            usage: """
                fieldopsctl tenant abandon <slug> --yes

                For a provisioning that failed and is given up: drops the database (ending its sessions), the
                role, and the control-plane record with its steps. Everything of the tenant is lost. Refuses
                without --yes.
                \(environmentHelp)
                Exit 0 when removed, 1 when there is no such tenant or a step fails, 2 on bad usage.
                """,
            flags: ["yes"]
        ) { arguments, environment in
            let slug = try arguments.positional("slug")[0]
            guard arguments.flag("yes") else { throw UsageError("abandon deletes the tenant's database for good: add --yes to confirm") }
            return try await withDeviceRevocation(slug, environment) {
                try await withProvisioner(environment) { provisioner in
                    try await provisioner.abandon(slug)
                    print("tenant \(slug) abandoned: database, role and record removed")
                    return 0
                }
            }
        },
    ]

    /// Runs `removal` (which deletes the tenant), then removes the broker users of the trackers the
    /// tenant had: listed before, revoked only once the tenant is gone, so a failed removal leaves
    /// every device working.
    private static func withDeviceRevocation(
        _ slug: String, _ environment: Environment, removal: () async throws -> Int32
    ) async throws -> Int32 {
        try await DeviceCommands.withRegistry(environment) { registry in
            let devices = try await registry.deviceIDs(tenant: slug)
            let exitCode = try await removal()
            try await registry.revokeBrokerUsers(of: devices, tenant: slug)
            if !devices.isEmpty { print("broker users of \(devices.count) device(s) removed") }
            return exitCode
        }
    }

    private static func statusCommand(
        _ verb: String, summary: String, _ change: @escaping @Sendable (TenantProvisioner, String) async throws -> Tenant
    ) -> CLICommand {
        CLICommand(
            words: ["tenant", verb],
            summary: summary,
            usage: """
                fieldopsctl tenant \(verb) <slug>

                \(summary.prefix(1).uppercased() + summary.dropFirst()). Processes notice within
                FIELDOPS_TENANT_PLACEMENT_TTL_MS (default 30 s).
                \(environmentHelp)
                Exit 0 on success, 1 when there is no such tenant, it is in another state, or the control plane fails.
                """
        ) { arguments, environment in
            let slug = try arguments.positional("slug")[0]
            return try await withProvisioner(environment) { provisioner in
                let tenant = try await change(provisioner, slug)
                print("tenant \(tenant.slug) is \(tenant.status.rawValue)")
                return 0
            }
        }
    }

    private static func required(_ arguments: ParsedArguments, _ name: String) throws(UsageError) -> String {
        guard let value = arguments.options[name] else { throw UsageError("--\(name) is required") }
        return value
    }

    /// `YYYY-MM-DD` as the start of that day in UTC; `none` as no date.
    private static func expiryDate(_ text: String) throws(UsageError) -> Date? {
        if text == "none" { return nil }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard parts.count == 3, text.count == 10, let year = parts[0], let month = parts[1], let day = parts[2],
              let date = calendar.date(from: DateComponents(year: year, month: month, day: day)),
              calendar.dateComponents([.year, .month, .day], from: date) == DateComponents(year: year, month: month, day: day) else {
            throw UsageError("--expires must be a date YYYY-MM-DD or none, not '\(text)'")
        }
        return date
    }

    /// Opens the control plane for one command and closes it afterwards, whatever happens.
    private static func withProvisioner(_ environment: Environment, _ body: (TenantProvisioner) async throws -> Int32) async throws -> Int32 {
        var configuration = try PostgresConfiguration(environment: environment)
        configuration.applicationName = "fieldopsctl"
        // One connection holds the tenant's advisory lock while the other runs the queries.
        configuration.pool.maxConnections = 2
        let pool = PostgresPool(configuration: configuration, logger: .commandLine)
        let outcome: Result<Int32, any Error>
        do {
            let provisioner = try TenantProvisioner(controlPlane: pool, configuration: try TenancyConfiguration(environment: environment), logger: .commandLine)
            outcome = .success(try await body(provisioner))
        } catch {
            outcome = .failure(error)
        }
        await pool.close()
        return try outcome.get()
    }
}

/// Plain-text rendering of tenants for `tenant list` and `tenant licence`.
enum TenantReport {
    static func table(_ tenants: [Tenant]) -> String {
        let header = ["SLUG", "STATUS", "SECTOR", "SERVER", "DATABASE", "SEATS", "MODULES", "EXPIRES"]
        let rows = tenants.map { tenant in
            [
                tenant.slug, tenant.status.rawValue, tenant.sector.rawValue, tenant.placement.serverName, tenant.placement.databaseName,
                String(tenant.licence.seats), tenant.licence.modules.isEmpty ? "-" : tenant.licence.modules.joined(separator: ","),
                tenant.licence.expiresAt.map { String($0.ISO8601Format().prefix(10)) } ?? "-",
            ]
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        return ([header] + rows).map { row in
            zip(row, widths).map { $0.padded($1) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n")
    }
}

extension String {
    fileprivate func padded(_ width: Int) -> String {
        padding(toLength: max(width, count), withPad: " ", startingAt: 0)
    }
}
