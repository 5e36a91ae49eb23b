/// What a consumer subscribed with, kept to subscribe again after a reconnect.
struct ConsumerSpec: Sendable {
    let queue: String
    let prefetch: UInt16
    let consumerTag: String
    let exclusive: Bool
    let arguments: AMQPFieldTable
}
