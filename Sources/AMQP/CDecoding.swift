import CRabbitMQ

/// Copies of rabbitmq-c's decoded values into Swift values, made before the frame's memory is released.
enum CDecoding {
    static func string(_ bytes: amqp_bytes_t) -> String {
        guard let base = bytes.bytes, bytes.len > 0 else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: base, count: bytes.len), as: UTF8.self)
    }

    static func byteArray(_ bytes: amqp_bytes_t) -> [UInt8] {
        guard let base = bytes.bytes, bytes.len > 0 else { return [] }
        return Array(UnsafeRawBufferPointer(start: base, count: bytes.len))
    }
}
