#if canImport(Glibc)
import Glibc
#endif
import FieldOpsCore
import GatewayCore
import Identity
import Operations

/// `fieldopsctl token …`: access tokens for operators and tests.
enum TokenCommands {
    static let all: [CLICommand] = [
        CLICommand(
            words: ["token", "issue"],
            summary: "print a signed access token for a subject, role and tenant",
            usage: """
                fieldopsctl token issue --subject <user-id> --role <role> [--tenant <slug>] [--ttl-seconds N]

                Signs the token with the gateway's key (FIELDOPS_TOKEN_SIGNING_SEED, FIELDOPS_TOKEN_KEY_ID,
                FIELDOPS_TOKEN_ISSUER, FIELDOPS_TOKEN_AUDIENCE) and prints it alone on standard output.
                Roles: \(Role.allCases.map(\.rawValue).joined(separator: ", ")); every role but platform_admin
                needs --tenant. --ttl-seconds defaults to FIELDOPS_ACCESS_TOKEN_TTL_SECONDS (at most 900).
                Exit 0 when printed, 1 when the signing key is not configured, 2 on bad usage.
                """,
            options: ["subject", "role", "tenant", "ttl-seconds"]
        ) { arguments, environment in
            _ = try arguments.positional()
            guard let subject = arguments.options["subject"] else { throw UsageError("--subject is required") }
            guard let roleName = arguments.options["role"] else { throw UsageError("--role is required") }
            guard let role = Role(rawValue: roleName) else {
                throw UsageError("unknown role '\(roleName)': one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let maximum = Int(AccessTokenIssuer.maximumLifetime.components.seconds)
            let lifetime = arguments.options["ttl-seconds"] == nil
                ? nil : Duration.seconds(try arguments.integer("ttl-seconds", default: maximum, in: 1...maximum))
            let issued = try OperatorToken.issue(
                subject: subject, role: role, tenant: arguments.options["tenant"], lifetime: lifetime,
                settings: try TokenSettings(environment: environment), now: Int64(time(nil))
            )
            print(issued.token)
            return 0
        },
    ]
}
