import AMQP
import FieldOpsCore
import Operations
import Telemetry

/// `fieldopsctl dlq …`: look at, replay and purge the messages parked in `<queue>.dead`.
enum DeadLetterCommands {
    static let defaultLimit = 50

    private static let queueHelp = """
        <queue> is the work queue (fieldops.photo), its parking queue (fieldops.photo.dead) or the
        short name (photo). --limit N (default \(defaultLimit), at most \(ParkingLot.maximumLimit)) is how many
        messages from the head of the parking queue are read.
        """

    static let all: [CLICommand] = [
        CLICommand(
            words: ["dlq", "list"],
            summary: "list the messages parked for a queue (they stay parked, in order)",
            usage: """
                fieldopsctl dlq list <queue> [--limit \(defaultLimit)] [--json]

                Prints the parked messages of <queue>.dead, oldest first: position, message id, type, tenant,
                attempt, parked-at (UTC) and reason; --json prints a JSON array instead.
                \(queueHelp)
                Exit 0 on success, 1 when the queue does not exist or the broker fails, 2 on bad usage.
                """,
            options: ["limit"], flags: ["json"]
        ) { arguments, environment in
            let queue = try arguments.positional("queue")[0]
            let limit = try limit(arguments)
            return try await withParkingLot(queue, environment) { lot in
                let messages = try await lot.list(limit: limit)
                if arguments.flag("json") {
                    print(ParkedMessageReport.json(messages))
                } else if messages.isEmpty {
                    print("no messages parked in \(lot.queue.name)")
                } else {
                    print(ParkedMessageReport.table(messages))
                }
                return 0
            }
        },
        CLICommand(
            words: ["dlq", "show"],
            summary: "print one parked message in full: properties, headers, body",
            usage: """
                fieldopsctl dlq show <queue> <message-id> [--limit \(defaultLimit)]

                Prints every property and header of the parked message and its body (indented JSON, or base64
                when it is not JSON). The message stays parked, in its place.
                \(queueHelp)
                Exit 0 when found, 1 when not (or on a broker failure), 2 on bad usage.
                """,
            options: ["limit"]
        ) { arguments, environment in
            let words = try arguments.positional("queue", "message-id")
            let limit = try limit(arguments)
            return try await withParkingLot(words[0], environment) { lot in
                guard let message = try await lot.message(id: words[1], limit: limit) else {
                    StandardError.print("fieldopsctl dlq show: no message \(words[1]) among the first \(limit) of \(lot.queue.name)")
                    return 1
                }
                print(ParkedMessageReport.detail(message, queue: lot.queue))
                return 0
            }
        },
        CLICommand(
            words: ["dlq", "replay"],
            summary: "send parked messages back to their queue for a fresh first attempt",
            usage: """
                fieldopsctl dlq replay <queue> (--id <message-id> | --all) [--limit \(defaultLimit)]

                Republishes the chosen parked messages to their origin queue (x-origin-queue, else <queue>) with
                x-attempt 1 and without the parking and dead-letter headers; message id, type, tenant and trace
                are kept. Each parked copy is removed only after the broker confirmed the new one, so a failure
                loses nothing (at worst a message is delivered twice, which the worker's inbox ignores).
                \(queueHelp)
                Exit 0 when something was replayed, 1 when nothing matched or a republish failed, 2 on bad usage.
                """,
            options: ["id", "limit"], flags: ["all"]
        ) { arguments, environment in
            let queue = try arguments.positional("queue")[0]
            let limit = try limit(arguments)
            let selection: ReplaySelection
            switch (arguments.options["id"], arguments.flag("all")) {
            case (let id?, false): selection = .messageID(id)
            case (nil, true): selection = .all
            default: throw UsageError("give either --id <message-id> or --all")
            }
            return try await withParkingLot(queue, environment) { lot in
                let replayed = try await lot.replay(selection, limit: limit)
                for message in replayed {
                    print("replayed \(message.messageID ?? "(no message id)") to \(message.originQueue)")
                }
                print("\(replayed.count) message(s) replayed from \(lot.queue.name)")
                if replayed.isEmpty, case .messageID(let id) = selection {
                    StandardError.print("fieldopsctl dlq replay: no message \(id) among the first \(limit) of \(lot.queue.name)")
                    return 1
                }
                return 0
            }
        },
        CLICommand(
            words: ["dlq", "purge"],
            summary: "drop every message parked for a queue (needs --yes)",
            usage: """
                fieldopsctl dlq purge <queue> --yes

                Deletes every message of <queue>.dead for good and prints how many. Refuses without --yes.
                <queue> is the work queue (fieldops.photo), its parking queue or the short name (photo).
                Exit 0 on success, 1 when the queue does not exist or the broker fails, 2 on bad usage.
                """,
            flags: ["yes"]
        ) { arguments, environment in
            let queue = try arguments.positional("queue")[0]
            guard arguments.flag("yes") else {
                throw UsageError("purge deletes every parked message for good: add --yes to confirm")
            }
            return try await withParkingLot(queue, environment) { lot in
                print("purged \(try await lot.purge()) message(s) from \(lot.queue.name)")
                return 0
            }
        },
    ]

    private static func limit(_ arguments: ParsedArguments) throws(UsageError) -> Int {
        try arguments.integer("limit", default: defaultLimit, in: 1...ParkingLot.maximumLimit)
    }

    /// Opens a broker connection for one command and closes it afterwards, whatever happens.
    private static func withParkingLot(
        _ queue: String, _ environment: Environment, _ body: (ParkingLot) async throws -> Int32
    ) async throws -> Int32 {
        let queue = try ParkingQueue(queue)
        let configuration = try AMQPConfiguration(environment: environment, connectionName: "fieldopsctl")
        let connection = try await AMQPConnection.connect(configuration: configuration, logger: .commandLine)
        let outcome: Result<Int32, any Error>
        do {
            outcome = .success(try await body(ParkingLot(queue: queue, connection: connection)))
        } catch {
            outcome = .failure(error)
        }
        await connection.close()
        return try outcome.get()
    }
}
