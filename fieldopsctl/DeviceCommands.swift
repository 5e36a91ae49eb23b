import FieldOpsCore
import GPSIngest
import Postgres
import Tenancy

/// `fieldopsctl device …`: GPS trackers.
enum DeviceCommands {
    static let all: [CLICommand] = [
        CLICommand(
            words: ["device", "register"],
            summary: "register a GPS tracker for a tenant and print its token (shown once)",
            usage: """
                fieldopsctl device register <tenant-slug> <device-id> [--label <text>]

                Maps the device to the tenant in the control plane (the OsmAnd endpoint and MQTT accept it
                from then on) and issues a token for POST /v1/gps/positions, printed alone on standard output:
                Authorization: Bearer <device-id>:<secret>. Registering again replaces the token. A device id
                is 1 to 128 letters, digits, '-' or '_'. Reads FIELDOPS_POSTGRES_URL and the tenancy variables.
                Exit 0 when registered, 1 when the tenant is unknown, the device belongs to another tenant or
                a database fails, 2 on bad usage.
                """,
            options: ["label"]
        ) { arguments, environment in
            let words = try arguments.positional("tenant-slug", "device-id")
            var configuration = try PostgresConfiguration(environment: environment)
            configuration.applicationName = "fieldopsctl"
            let controlPlane = PostgresPool(configuration: configuration, logger: .commandLine)
            let tenants = TenantDatabases(controlPlane: controlPlane, configuration: try TenancyConfiguration(environment: environment), logger: .commandLine)
            let outcome: Result<DeviceToken, any Error>
            do {
                outcome = .success(try await DeviceRegistry(controlPlane: controlPlane, tenants: tenants).register(
                    deviceID: words[1], tenant: words[0], label: arguments.options["label"]
                ))
            } catch {
                outcome = .failure(error)
            }
            await tenants.close()
            await controlPlane.close()
            print(try outcome.get())
            return 0
        },
    ]
}
