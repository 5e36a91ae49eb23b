/// Field tables and arrays on the wire: a 32-bit byte length, then (for a table) entries of a short
/// string key, a type octet and the value. The type octets are RabbitMQ's, as rabbitmq-c reads them.
extension WireReader {
    /// Tables nested deeper than this decode as `.void`: the decoding recursion stays shallow
    /// whatever a publisher sent.
    static let maximumNesting = 32

    /// A whole table; entries after a malformed one are dropped.
    mutating func fieldTable(depth: Int = 0) -> AMQPFieldTable? {
        guard let range = longString() else { return nil }
        var entries = bounded(to: range)
        var table = AMQPFieldTable()
        while !entries.isAtEnd {
            guard let key = entries.shortString(), let value = entries.fieldValue(depth: depth) else { break }
            table[entries.string(key)] = value
        }
        return table
    }

    /// The values of the entries named `names` (nil where absent) of the table that starts here,
    /// found in one pass that decodes no other value.
    mutating func fieldTableEntries(named names: [String]) -> [AMQPFieldValue?] {
        var values = [AMQPFieldValue?](repeating: nil, count: names.count)
        guard let range = longString() else { return values }
        var entries = bounded(to: range)
        var missing = names.count
        while missing > 0, !entries.isAtEnd {
            guard let key = entries.shortString() else { break }
            if let index = names.firstIndex(where: { entries.matches(key, $0) }), values[index] == nil {
                guard let value = entries.fieldValue(depth: 0) else { break }
                values[index] = value
                missing -= 1
            } else {
                guard entries.skipFieldValue() else { break }
            }
        }
        return values
    }

    /// One value: its type octet, then its encoding.
    mutating func fieldValue(depth: Int) -> AMQPFieldValue? {
        guard let kind = octet() else { return nil }
        switch kind {
        case UInt8(ascii: "t"): return octet().map { .bool($0 != 0) }
        case UInt8(ascii: "b"): return octet().map { .int8(Int8(bitPattern: $0)) }
        case UInt8(ascii: "B"): return octet().map { .uint8($0) }
        case UInt8(ascii: "s"): return uint16().map { .int16(Int16(bitPattern: $0)) }
        case UInt8(ascii: "u"): return uint16().map { .uint16($0) }
        case UInt8(ascii: "I"): return uint32().map { .int32(Int32(bitPattern: $0)) }
        case UInt8(ascii: "i"): return uint32().map { .uint32($0) }
        // RabbitMQ has no unsigned 64-bit type: an `L` (other clients) reads as a signed one.
        case UInt8(ascii: "l"), UInt8(ascii: "L"): return uint64().map { .int64(Int64(bitPattern: $0)) }
        case UInt8(ascii: "f"): return uint32().map { .float(Float(bitPattern: $0)) }
        case UInt8(ascii: "d"): return uint64().map { .double(Double(bitPattern: $0)) }
        case UInt8(ascii: "D"):
            guard let scale = octet(), let value = uint32() else { return nil }
            return .decimal(scale: scale, value: value)
        case UInt8(ascii: "S"): return longString().map { .string(string($0)) }
        case UInt8(ascii: "x"): return longString().map { .bytes(array($0)) }
        case UInt8(ascii: "T"): return uint64().map { .timestamp($0) }
        case UInt8(ascii: "V"): return .void
        case UInt8(ascii: "F"):
            guard depth < Self.maximumNesting else { return skipLongString() ? .void : nil }
            return fieldTable(depth: depth + 1).map { .table($0) }
        case UInt8(ascii: "A"):
            guard depth < Self.maximumNesting else { return skipLongString() ? .void : nil }
            guard let range = longString() else { return nil }
            var items = bounded(to: range)
            var values: [AMQPFieldValue] = []
            while !items.isAtEnd {
                guard let value = items.fieldValue(depth: depth + 1) else { break }
                values.append(value)
            }
            return .array(values)
        default:
            return nil
        }
    }

    /// Moves past one value (type octet and encoding) without decoding it.
    mutating func skipFieldValue() -> Bool {
        guard let kind = octet() else { return false }
        switch kind {
        case UInt8(ascii: "V"): return true
        case UInt8(ascii: "t"), UInt8(ascii: "b"), UInt8(ascii: "B"): return skip(1)
        case UInt8(ascii: "s"), UInt8(ascii: "u"): return skip(2)
        case UInt8(ascii: "I"), UInt8(ascii: "i"), UInt8(ascii: "f"): return skip(4)
        case UInt8(ascii: "D"): return skip(5)
        case UInt8(ascii: "l"), UInt8(ascii: "L"), UInt8(ascii: "d"), UInt8(ascii: "T"): return skip(8)
        case UInt8(ascii: "S"), UInt8(ascii: "x"), UInt8(ascii: "F"), UInt8(ascii: "A"): return skipLongString()
        default: return false
        }
    }

    private mutating func skipLongString() -> Bool { longString() != nil }
}
