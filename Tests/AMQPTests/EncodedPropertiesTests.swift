@testable import AMQP
import CRabbitMQ
import Testing

/// Reading properties straight from their wire encoding, without a broker: rabbitmq-c encodes them
/// exactly as they arrive in a content header frame.
@Suite("Encoded properties")
struct EncodedPropertiesTests {
    /// The bytes rabbitmq-c puts on the wire for `properties`.
    func encode(_ properties: AMQPProperties) throws -> [UInt8] {
        let scratch = ScratchPool()
        defer { scratch.recycle() }
        var decoded = scratch.properties(properties)
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        let length = buffer.withUnsafeMutableBytes { raw in
            amqp_encode_properties(UInt16(AMQP_BASIC_CLASS), &decoded, amqp_bytes_t(len: raw.count, bytes: raw.baseAddress))
        }
        try #require(length > 0)
        return Array(buffer.prefix(Int(length)))
    }

    @Test func decodingGivesBackEveryPropertyAndHeader() throws {
        let encoded = AMQPEncodedProperties(try encode(AMQPProperties.everyKind))
        #expect(encoded.decoded() == AMQPProperties.everyKind)
    }

    @Test func singleFieldsAndHeadersAreReadWithoutDecodingTheRest() throws {
        let encoded = AMQPEncodedProperties(try encode(AMQPProperties.everyKind))
        #expect(encoded.messageId == "m-1")
        #expect(encoded.correlationId == "job-42")
        #expect(encoded.type == "photo.watermark.v1")
        let headers = AMQPProperties.everyKind.headers ?? [:]
        let names = ["x-absent"] + headers.keys.sorted() + ["x-tenan"]
        #expect(encoded.headers(named: names) == [nil] + headers.keys.sorted().map { headers[$0] } + [nil])
        #expect(encoded.headers(named: ["nested", "x-tenant"]) == [headers["nested"], "acme"])
    }

    @Test func absentFieldsAreNil() throws {
        let encoded = AMQPEncodedProperties(try encode(AMQPProperties(type: "only.type.v1")))
        #expect(encoded.type == "only.type.v1")
        #expect(encoded.messageId == nil && encoded.correlationId == nil && encoded.headers(named: ["x-tenant"]) == [nil])
        #expect(encoded.decoded() == AMQPProperties(type: "only.type.v1"))
        #expect(AMQPEncodedProperties([0, 0]).decoded() == AMQPProperties())
    }

    /// Every prefix of a valid encoding: reading never traps, and what was fully present comes back.
    @Test func truncatedBytesNeverTrap() throws {
        let bytes = try encode(AMQPProperties.everyKind)
        for length in 0..<bytes.count {
            let encoded = AMQPEncodedProperties(Array(bytes.prefix(length)))
            let decoded = encoded.decoded()
            _ = (encoded.messageId, encoded.correlationId, encoded.type, encoded.headers(named: ["nested", "x-tenant"]))
            if decoded.contentType != nil { #expect(decoded.contentType == "application/json") }
            #expect(decoded.appId == nil)
        }
    }

    @Test func anUnknownValueTypeEndsTheTableThere() throws {
        let table: [UInt8] = [1, UInt8(ascii: "a"), UInt8(ascii: "B"), 7, 1, UInt8(ascii: "z"), UInt8(ascii: "?"), 0]
        let encoded = AMQPEncodedProperties(Self.headersOnly(table))
        #expect(encoded.decoded().headers == ["a": .uint8(7)])
        #expect(encoded.headers(named: ["z", "a"]) == [nil, .uint8(7)])
    }

    /// A publisher can nest tables as deep as a frame allows: decoding stops nesting at a fixed depth.
    @Test func deepNestingIsCutOff() throws {
        var value: [UInt8] = [UInt8(ascii: "V")]
        for _ in 0..<200 {
            let entry = [1, UInt8(ascii: "n")] + value
            value = [UInt8(ascii: "F")] + Self.bigEndian(UInt32(entry.count)) + entry
        }
        let encoded = AMQPEncodedProperties(Self.headersOnly([1, UInt8(ascii: "n")] + value))
        var depth = 0
        var current = encoded.headers(named: ["n"])[0]
        while case .table(let nested)? = current {
            depth += 1
            current = nested["n"]
        }
        #expect(depth == WireReader.maximumNesting)
        #expect(current == .void)
    }

    /// A property list with only the headers flag, holding `table` (the entries' bytes).
    static func headersOnly(_ table: [UInt8]) -> [UInt8] {
        [0x20, 0x00] + bigEndian(UInt32(table.count)) + table
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff)]
    }
}
