/// The basic-class properties of a delivered message, kept as the broker encoded them: flag bits,
/// then each present field in a fixed order.
///
/// Decoding every delivery's properties into strings, dictionaries and enum values, then freeing
/// them, was a fifth of what consuming cost, and most consumers read a handful of fields or none.
/// Single fields and the headers asked for are read here by skipping over the rest; `decoded()`
/// builds the whole `AMQPProperties`. Malformed bytes never trap: what cannot be read is absent.
public struct AMQPEncodedProperties: Sendable, Hashable {
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    public var messageId: String? { shortString(.messageId) }
    public var correlationId: String? { shortString(.correlationId) }
    public var type: String? { shortString(.type) }

    /// The headers named `names`, in that order (nil where absent), found in one pass over the
    /// table that decodes no other header.
    public func headers(named names: [String]) -> [AMQPFieldValue?] {
        guard var reader = reader(at: .headers) else { return names.map { _ in nil } }
        return reader.fieldTableEntries(named: names)
    }

    public func decoded() -> AMQPProperties {
        var properties = AMQPProperties()
        var reader = WireReader(bytes)
        guard let flags = reader.propertyFlags() else { return properties }
        for field in Field.allCases where flags & field.flag != 0 {
            guard reader.read(field, into: &properties) else { break }
        }
        return properties
    }

    private func shortString(_ field: Field) -> String? {
        guard var reader = reader(at: field), let range = reader.shortString() else { return nil }
        return reader.string(range)
    }

    /// A reader at `field`'s value; nil when the field is absent or what precedes it is malformed.
    private func reader(at field: Field) -> WireReader? {
        var reader = WireReader(bytes)
        guard let flags = reader.propertyFlags(), flags & field.flag != 0 else { return nil }
        for earlier in Field.allCases where earlier.rawValue > field.rawValue && flags & earlier.flag != 0 {
            guard reader.skip(earlier) else { return nil }
        }
        return reader
    }

    /// The basic-class fields in wire order; the raw value is the field's bit in the flag word.
    enum Field: Int, CaseIterable {
        case contentType = 15, contentEncoding = 14, headers = 13, deliveryMode = 12, priority = 11
        case correlationId = 10, replyTo = 9, expiration = 8, messageId = 7, timestamp = 6, type = 5
        case userId = 4, appId = 3
        /// Deprecated; read past, never surfaced.
        case clusterId = 2

        var flag: UInt16 { 1 << UInt16(rawValue) }
    }
}

extension WireReader {
    /// The first property flag word; further words (bit 0 set) carry nothing for the basic class.
    fileprivate mutating func propertyFlags() -> UInt16? {
        guard let flags = uint16() else { return nil }
        var word = flags
        while word & 1 != 0 {
            guard let next = uint16() else { return nil }
            word = next
        }
        return flags
    }

    fileprivate mutating func skip(_ field: AMQPEncodedProperties.Field) -> Bool {
        switch field {
        case .headers: longString() != nil
        case .deliveryMode, .priority: skip(1)
        case .timestamp: skip(8)
        default: shortString() != nil
        }
    }

    /// Reads `field` into `properties`; false when the bytes end or are malformed.
    fileprivate mutating func read(_ field: AMQPEncodedProperties.Field, into properties: inout AMQPProperties) -> Bool {
        switch field {
        case .contentType: return store(text(), in: &properties.contentType)
        case .contentEncoding: return store(text(), in: &properties.contentEncoding)
        case .headers: return store(fieldTable(), in: &properties.headers)
        case .deliveryMode:
            guard let mode = octet() else { return false }
            properties.deliveryMode = AMQPProperties.DeliveryMode(rawValue: mode)
            return true
        case .priority: return store(octet(), in: &properties.priority)
        case .correlationId: return store(text(), in: &properties.correlationId)
        case .replyTo: return store(text(), in: &properties.replyTo)
        case .expiration: return store(text(), in: &properties.expiration)
        case .messageId: return store(text(), in: &properties.messageId)
        case .timestamp: return store(uint64(), in: &properties.timestamp)
        case .type: return store(text(), in: &properties.type)
        case .userId: return store(text(), in: &properties.userId)
        case .appId: return store(text(), in: &properties.appId)
        case .clusterId: return shortString() != nil
        }
    }

    private mutating func text() -> String? {
        shortString().map { string($0) }
    }

    private func store<Value>(_ value: Value?, in property: inout Value?) -> Bool {
        guard let value else { return false }
        property = value
        return true
    }
}
