import FieldOpsCore
/// The mesh's RabbitMQ topology in the broker's own `definitions.json` format, so one file is both
/// imported by brokers and read by `fieldopsctl`. Only the parts the mesh owns are modelled.
public struct TopologyDefinition: Codable, Sendable, Equatable {
    public var exchanges: [Exchange]
    public var queues: [Queue]
    public var bindings: [Binding]
    public var policies: [Policy]

    public init(exchanges: [Exchange] = [], queues: [Queue] = [], bindings: [Binding] = [], policies: [Policy] = []) {
        self.exchanges = exchanges
        self.queues = queues
        self.bindings = bindings
        self.policies = policies
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        exchanges = try container.decodeIfPresent([Exchange].self, forKey: .exchanges) ?? []
        queues = try container.decodeIfPresent([Queue].self, forKey: .queues) ?? []
        bindings = try container.decodeIfPresent([Binding].self, forKey: .bindings) ?? []
        policies = try container.decodeIfPresent([Policy].self, forKey: .policies) ?? []
    }

    public struct Exchange: Codable, Sendable, Equatable {
        public var name: String
        public var vhost: String
        public var type: String
        public var durable: Bool
        public var autoDelete: Bool
        public var `internal`: Bool
        public var arguments: [String: JSONValue]

        public init(name: String, vhost: String = "/", type: String, durable: Bool = true, autoDelete: Bool = false, internal: Bool = false, arguments: [String: JSONValue] = [:]) {
            self.name = name
            self.vhost = vhost
            self.type = type
            self.durable = durable
            self.autoDelete = autoDelete
            self.`internal` = `internal`
            self.arguments = arguments
        }

        enum CodingKeys: String, CodingKey {
            case name, vhost, type, durable, autoDelete = "auto_delete", `internal`, arguments
        }
    }

    public struct Queue: Codable, Sendable, Equatable {
        public var name: String
        public var vhost: String
        public var durable: Bool
        public var autoDelete: Bool
        public var arguments: [String: JSONValue]

        public init(name: String, vhost: String = "/", durable: Bool = true, autoDelete: Bool = false, arguments: [String: JSONValue] = [:]) {
            self.name = name
            self.vhost = vhost
            self.durable = durable
            self.autoDelete = autoDelete
            self.arguments = arguments
        }

        enum CodingKeys: String, CodingKey {
            case name, vhost, durable, autoDelete = "auto_delete", arguments
        }
    }

    public struct Binding: Codable, Sendable, Hashable {
        public var source: String
        public var vhost: String
        public var destination: String
        public var destinationType: String
        public var routingKey: String
        public var arguments: [String: JSONValue]

        public init(source: String, vhost: String = "/", destination: String, destinationType: String = "queue", routingKey: String, arguments: [String: JSONValue] = [:]) {
            self.source = source
            self.vhost = vhost
            self.destination = destination
            self.destinationType = destinationType
            self.routingKey = routingKey
            self.arguments = arguments
        }

        enum CodingKeys: String, CodingKey {
            case source, vhost, destination, destinationType = "destination_type", routingKey = "routing_key", arguments
        }
    }

    public struct Policy: Codable, Sendable, Equatable {
        public var vhost: String
        public var name: String
        public var pattern: String
        public var applyTo: String
        public var priority: Int
        public var definition: [String: JSONValue]

        public init(vhost: String = "/", name: String, pattern: String, applyTo: String, priority: Int = 0, definition: [String: JSONValue]) {
            self.vhost = vhost
            self.name = name
            self.pattern = pattern
            self.applyTo = applyTo
            self.priority = priority
            self.definition = definition
        }

        enum CodingKeys: String, CodingKey {
            case vhost, name, pattern, applyTo = "apply-to", priority, definition
        }
    }
}
