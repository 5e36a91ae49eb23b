import FieldOpsCore
import GPSIngest
import Postgres
import Tenancy

/// `fieldopsctl device …`: GPS trackers.
enum DeviceCommands {
    static let all: [CLICommand] = [
        CLICommand(
            words: ["device", "register"],
            summary: "register a GPS tracker for a tenant and print its token and MQTT login (shown once)",
            usage: """
                fieldopsctl device register <tenant-slug> <device-id> [--label <text>]

                Maps the device to the tenant in the control plane (the OsmAnd endpoint accepts it from then
                on), issues a token for POST /v1/gps/positions and creates the device's broker user for MQTT.
                Prints two lines on standard output: the token alone (Authorization: Bearer <device-id>:<secret>),
                then `mqtt <username> <password>`; the user may publish only to gps/<tenant>/<device-id>.
                Registering again replaces the token and the MQTT password. A device id is 1 to 128 letters,
                digits, '-' or '_'. Reads FIELDOPS_POSTGRES_URL, the tenancy variables,
                FIELDOPS_AMQP_MANAGEMENT_URL and FIELDOPS_MQTT_VHOST (/).
                Exit 0 when registered, 1 when the tenant is unknown, the device belongs to another tenant,
                a database or the broker fails, 2 on bad usage.
                """,
            options: ["label"]
        ) { arguments, environment in
            let words = try arguments.positional("tenant-slug", "device-id")
            let credentials = try await withRegistry(environment) { registry in
                try await registry.register(deviceID: words[1], tenant: words[0], label: arguments.options["label"])
            }
            print(credentials)
            return 0
        },
        CLICommand(
            words: ["device", "remove"],
            summary: "remove a tenant's GPS tracker: its broker user, its token and its registration",
            usage: """
                fieldopsctl device remove <tenant-slug> <device-id>

                Deletes the device's MQTT user (the broker closes its open connections), its token and its
                mapping to the tenant; every ingestion path refuses it from then on (within a minute on
                running processes, which cache devices that long). Its stored positions and events stay.
                Reads the same variables as `device register`.
                Exit 0 when removed, 1 when the tenant has no such device or a database or the broker fails,
                2 on bad usage.
                """
        ) { arguments, environment in
            let words = try arguments.positional("tenant-slug", "device-id")
            try await withRegistry(environment) { registry in
                try await registry.remove(deviceID: words[1], tenant: words[0])
            }
            return 0
        },
    ]

    /// Runs `body` with a registry on fresh clients, closed afterwards whatever happened.
    static func withRegistry<T: Sendable>(_ environment: Environment, _ body: (DeviceRegistry) async throws -> T) async throws -> T {
        var configuration = try PostgresConfiguration(environment: environment)
        configuration.applicationName = "fieldopsctl"
        let tenancy = try TenancyConfiguration(environment: environment)
        let brokerAccounts = try DeviceBrokerAccounts(environment: environment)
        let controlPlane = PostgresPool(configuration: configuration, logger: .commandLine)
        let tenants = TenantDatabases(controlPlane: controlPlane, configuration: tenancy, logger: .commandLine)
        let outcome: Result<T, any Error>
        do {
            outcome = .success(try await body(DeviceRegistry(controlPlane: controlPlane, tenants: tenants, brokerAccounts: brokerAccounts)))
        } catch {
            outcome = .failure(error)
        }
        await tenants.close()
        await controlPlane.close()
        return try outcome.get()
    }
}
