/// The `Decoder` handed to every `init(from:)` of one `JSONTapeDecoder.decode` call, and its own
/// single-value container (as in Foundation). It moves from value to value: decoding a nested value
/// pushes its key on the coding path and pops it after, so no decoder or path is allocated per value.
final class JSONTapeValueDecoder: Decoder, SingleValueDecodingContainer {
    let tape: JSONTape
    // Unchecked: one decode call owns its decoder and uses it from one thread, and no access to
    // these two overlaps another; the dynamic checks cost more than the rest of reading a member.
    /// The entry being decoded.
    @exclusivity(unchecked) private var entry: Int
    @exclusivity(unchecked) private(set) var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    let dateDecoding: JSONTapeDecoder.DateDecoding
    /// The Foundation types read their own way under this configuration (`foundationTypes(dates:)`).
    private let foundationTypes: [Any.Type]

    init(tape: JSONTape, entry: Int, codingPath: [any CodingKey], dateDecoding: JSONTapeDecoder.DateDecoding) {
        self.tape = tape
        self.entry = entry
        self.codingPath = codingPath
        self.dateDecoding = dateDecoding
        foundationTypes = Self.foundationTypes(dates: dateDecoding)
    }

    /// A decoder of its own for a member, for `superDecoder` and nested containers.
    func decoder(for index: Int, key: any CodingKey) -> JSONTapeValueDecoder {
        JSONTapeValueDecoder(tape: tape, entry: index, codingPath: codingPath + [key], dateDecoding: dateDecoding)
    }

    // MARK: Decoder

    func container<Key: CodingKey>(keyedBy _: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(try JSONTapeKeyedContainer<Key>(decoder: self, object: entry))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try JSONTapeUnkeyedContainer(decoder: self, array: entry)
    }

    func singleValueContainer() -> any SingleValueDecodingContainer { self }

    // MARK: SingleValueDecodingContainer

    func decodeNil() -> Bool { tape.entries[entry].kind == .null }
    func decode(_: Bool.Type) throws -> Bool { try decodeBool(at: entry, key: nil) }
    func decode(_: String.Type) throws -> String { try decodeString(at: entry, key: nil) }
    func decode(_: Double.Type) throws -> Double { try decodeFloatingPoint(Double.self, at: entry, key: nil) }
    func decode(_: Float.Type) throws -> Float { try decodeFloatingPoint(Float.self, at: entry, key: nil) }
    func decode(_: Int.Type) throws -> Int { try decodeInteger(Int.self, at: entry, key: nil) }
    func decode(_: Int8.Type) throws -> Int8 { try decodeInteger(Int8.self, at: entry, key: nil) }
    func decode(_: Int16.Type) throws -> Int16 { try decodeInteger(Int16.self, at: entry, key: nil) }
    func decode(_: Int32.Type) throws -> Int32 { try decodeInteger(Int32.self, at: entry, key: nil) }
    func decode(_: Int64.Type) throws -> Int64 { try decodeInteger(Int64.self, at: entry, key: nil) }
    func decode(_: UInt.Type) throws -> UInt { try decodeInteger(UInt.self, at: entry, key: nil) }
    func decode(_: UInt8.Type) throws -> UInt8 { try decodeInteger(UInt8.self, at: entry, key: nil) }
    func decode(_: UInt16.Type) throws -> UInt16 { try decodeInteger(UInt16.self, at: entry, key: nil) }
    func decode(_: UInt32.Type) throws -> UInt32 { try decodeInteger(UInt32.self, at: entry, key: nil) }
    func decode(_: UInt64.Type) throws -> UInt64 { try decodeInteger(UInt64.self, at: entry, key: nil) }
    func decode<T: Decodable>(_: T.Type) throws -> T { try decodeValue(T.self, at: entry, key: nil) }

    // MARK: Reading entries (shared with the containers)

    /// Decodes the entry at `index`, found under `key` (nil: the current value itself).
    func decodeValue<T: Decodable>(_: T.Type, at index: Int, key: (any CodingKey)?) throws -> T {
        // The common leaves are read directly, without moving the decoder.
        if T.self == String.self { return try decodeString(at: index, key: key) as! T }
        if T.self == Int.self { return try decodeInteger(Int.self, at: index, key: key) as! T }
        if T.self == Int64.self { return try decodeInteger(Int64.self, at: index, key: key) as! T }
        if T.self == Double.self { return try decodeFloatingPoint(Double.self, at: index, key: key) as! T }
        if T.self == Bool.self { return try decodeBool(at: index, key: key) as! T }
        if foundationTypes.contains(where: { $0 == T.self }) { return try decodeFoundationValue(T.self, at: index, key: key) }

        let outerEntry = entry
        if let key { codingPath.append(key) }
        entry = index
        defer {
            entry = outerEntry
            if key != nil { codingPath.removeLast() }
        }
        return try T(from: self)
    }

    func decodeString(at index: Int, key: (any CodingKey)?) throws -> String {
        let found = tape.entries[index]
        guard found.kind == .string else { throw mismatch(String.self, found: found, key: key) }
        guard let value = tape.string(found) else {
            throw corrupted("The string is not valid JSON: an invalid escape, control character or UTF-8.", key: key)
        }
        return value
    }

    func decodeBool(at index: Int, key: (any CodingKey)?) throws -> Bool {
        let found = tape.entries[index]
        switch found.kind {
        case .true: return true
        case .false: return false
        default: throw mismatch(Bool.self, found: found, key: key)
        }
    }

    func decodeInteger<T: FixedWidthInteger>(_: T.Type, at index: Int, key: (any CodingKey)?) throws -> T {
        let number = try numberText(at: index, as: T.self, key: key)
        guard let value = number.integer(as: T.self) else {
            throw corrupted("Parsed JSON number <\(text(at: index))> does not fit in \(T.self).", key: key)
        }
        return value
    }

    func decodeFloatingPoint<T: BinaryFloatingPoint & LosslessStringConvertible>(_: T.Type, at index: Int, key: (any CodingKey)?) throws -> T {
        let number = try numberText(at: index, as: T.self, key: key)
        guard let value = number.floatingPoint(as: T.self) else {
            throw corrupted("Number <\(text(at: index))> is not representable in \(T.self).", key: key)
        }
        return value
    }

    private func numberText(at index: Int, as type: Any.Type, key: (any CodingKey)?) throws -> JSONNumberText {
        let found = tape.entries[index]
        guard found.kind == .number else { throw mismatch(type, found: found, key: key) }
        guard let number = JSONNumberText(tape.slice(found)) else {
            throw corrupted("<\(text(at: index))> is not a valid JSON number.", key: key)
        }
        return number
    }

    private func text(at index: Int) -> String {
        String(decoding: tape.slice(tape.entries[index]), as: UTF8.self)
    }

    // MARK: Errors

    func path(appending key: (any CodingKey)?) -> [any CodingKey] {
        guard let key else { return codingPath }
        return codingPath + [key]
    }

    /// `found` is not a `type`: a null is a missing value, anything else the wrong kind.
    func mismatch(_ type: Any.Type, found: JSONTape.Entry, key: (any CodingKey)?) -> DecodingError {
        if found.kind == .null {
            return .valueNotFound(type, DecodingError.Context(
                codingPath: path(appending: key), debugDescription: "Cannot get value of type \(type) -- found null value instead"
            ))
        }
        return .typeMismatch(type, DecodingError.Context(
            codingPath: path(appending: key), debugDescription: "Expected to decode \(type) but found \(found.kind.article) instead."
        ))
    }

    func corrupted(_ description: String, key: (any CodingKey)?) -> DecodingError {
        .dataCorrupted(DecodingError.Context(codingPath: path(appending: key), debugDescription: description))
    }
}

extension JSONTape.Kind {
    /// The kind as Foundation's error messages name it ("a dictionary", "number").
    var article: String {
        switch self {
        case .object: "a dictionary"
        case .array: "an array"
        case .string: "a string"
        case .number: "number"
        case .true, .false: "bool"
        case .null: "null"
        }
    }
}
