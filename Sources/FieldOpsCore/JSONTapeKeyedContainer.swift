/// An object's members, looked up in place on the tape: a lookup walks the keys in document order
/// and compares bytes, so decoding a message builds no dictionary. As in Foundation, the first of
/// two equal keys wins, and every key of the object is checked when the container is made.
struct JSONTapeKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    private let decoder: JSONTapeValueDecoder
    private let object: Int

    init(decoder: JSONTapeValueDecoder, object: Int) throws {
        let entry = decoder.tape.entries[object]
        guard entry.kind == .object else { throw decoder.mismatch([String: Any].self, found: entry, key: nil) }
        self.decoder = decoder
        self.object = object
        if !entry.isPlain {
            for key in keyEntries where decoder.tape.string(decoder.tape.entries[key]) == nil {
                throw decoder.corrupted("An object key is not a valid JSON string.", key: nil)
            }
        }
    }

    var codingPath: [any CodingKey] { decoder.codingPath }

    /// Each key once, as Foundation lists them (a repeated key names its first value).
    var allKeys: [Key] {
        var seen = Set<String>()
        return keyEntries.compactMap { entry in
            guard let name = decoder.tape.string(decoder.tape.entries[entry]), seen.insert(name).inserted else { return nil }
            return Key(stringValue: name)
        }
    }

    func contains(_ key: Key) -> Bool { valueEntry(for: key) != nil }

    func decodeNil(forKey key: Key) throws -> Bool {
        decoder.tape.entries[try requiredValue(for: key)].kind == .null
    }

    func decode(_: Bool.Type, forKey key: Key) throws -> Bool { try decoder.decodeBool(at: try requiredValue(for: key), key: key) }
    func decode(_: String.Type, forKey key: Key) throws -> String { try decoder.decodeString(at: try requiredValue(for: key), key: key) }
    func decode(_: Double.Type, forKey key: Key) throws -> Double { try decoder.decodeFloatingPoint(Double.self, at: try requiredValue(for: key), key: key) }
    func decode(_: Float.Type, forKey key: Key) throws -> Float { try decoder.decodeFloatingPoint(Float.self, at: try requiredValue(for: key), key: key) }
    func decode(_: Int.Type, forKey key: Key) throws -> Int { try decoder.decodeInteger(Int.self, at: try requiredValue(for: key), key: key) }
    func decode(_: Int8.Type, forKey key: Key) throws -> Int8 { try decoder.decodeInteger(Int8.self, at: try requiredValue(for: key), key: key) }
    func decode(_: Int16.Type, forKey key: Key) throws -> Int16 { try decoder.decodeInteger(Int16.self, at: try requiredValue(for: key), key: key) }
    func decode(_: Int32.Type, forKey key: Key) throws -> Int32 { try decoder.decodeInteger(Int32.self, at: try requiredValue(for: key), key: key) }
    func decode(_: Int64.Type, forKey key: Key) throws -> Int64 { try decoder.decodeInteger(Int64.self, at: try requiredValue(for: key), key: key) }
    func decode(_: UInt.Type, forKey key: Key) throws -> UInt { try decoder.decodeInteger(UInt.self, at: try requiredValue(for: key), key: key) }
    func decode(_: UInt8.Type, forKey key: Key) throws -> UInt8 { try decoder.decodeInteger(UInt8.self, at: try requiredValue(for: key), key: key) }
    func decode(_: UInt16.Type, forKey key: Key) throws -> UInt16 { try decoder.decodeInteger(UInt16.self, at: try requiredValue(for: key), key: key) }
    func decode(_: UInt32.Type, forKey key: Key) throws -> UInt32 { try decoder.decodeInteger(UInt32.self, at: try requiredValue(for: key), key: key) }
    func decode(_: UInt64.Type, forKey key: Key) throws -> UInt64 { try decoder.decodeInteger(UInt64.self, at: try requiredValue(for: key), key: key) }
    func decode<T: Decodable>(_: T.Type, forKey key: Key) throws -> T { try decoder.decodeValue(T.self, at: try requiredValue(for: key), key: key) }

    // One lookup per optional member (the protocol's defaults take three: contains, decodeNil, decode).
    func decodeIfPresent(_: Bool.Type, forKey key: Key) throws -> Bool? { try presentValue(for: key).map { try decoder.decodeBool(at: $0, key: key) } }
    func decodeIfPresent(_: String.Type, forKey key: Key) throws -> String? { try presentValue(for: key).map { try decoder.decodeString(at: $0, key: key) } }
    func decodeIfPresent(_: Double.Type, forKey key: Key) throws -> Double? { try presentValue(for: key).map { try decoder.decodeFloatingPoint(Double.self, at: $0, key: key) } }
    func decodeIfPresent(_: Float.Type, forKey key: Key) throws -> Float? { try presentValue(for: key).map { try decoder.decodeFloatingPoint(Float.self, at: $0, key: key) } }
    func decodeIfPresent(_: Int.Type, forKey key: Key) throws -> Int? { try presentValue(for: key).map { try decoder.decodeInteger(Int.self, at: $0, key: key) } }
    func decodeIfPresent(_: Int8.Type, forKey key: Key) throws -> Int8? { try presentValue(for: key).map { try decoder.decodeInteger(Int8.self, at: $0, key: key) } }
    func decodeIfPresent(_: Int16.Type, forKey key: Key) throws -> Int16? { try presentValue(for: key).map { try decoder.decodeInteger(Int16.self, at: $0, key: key) } }
    func decodeIfPresent(_: Int32.Type, forKey key: Key) throws -> Int32? { try presentValue(for: key).map { try decoder.decodeInteger(Int32.self, at: $0, key: key) } }
    func decodeIfPresent(_: Int64.Type, forKey key: Key) throws -> Int64? { try presentValue(for: key).map { try decoder.decodeInteger(Int64.self, at: $0, key: key) } }
    func decodeIfPresent(_: UInt.Type, forKey key: Key) throws -> UInt? { try presentValue(for: key).map { try decoder.decodeInteger(UInt.self, at: $0, key: key) } }
    func decodeIfPresent(_: UInt8.Type, forKey key: Key) throws -> UInt8? { try presentValue(for: key).map { try decoder.decodeInteger(UInt8.self, at: $0, key: key) } }
    func decodeIfPresent(_: UInt16.Type, forKey key: Key) throws -> UInt16? { try presentValue(for: key).map { try decoder.decodeInteger(UInt16.self, at: $0, key: key) } }
    func decodeIfPresent(_: UInt32.Type, forKey key: Key) throws -> UInt32? { try presentValue(for: key).map { try decoder.decodeInteger(UInt32.self, at: $0, key: key) } }
    func decodeIfPresent(_: UInt64.Type, forKey key: Key) throws -> UInt64? { try presentValue(for: key).map { try decoder.decodeInteger(UInt64.self, at: $0, key: key) } }
    func decodeIfPresent<T: Decodable>(_: T.Type, forKey key: Key) throws -> T? { try presentValue(for: key).map { try decoder.decodeValue(T.self, at: $0, key: key) } }

    func nestedContainer<NestedKey: CodingKey>(keyedBy _: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try decoder.decoder(for: try requiredValue(for: key), key: key).container(keyedBy: NestedKey.self)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try decoder.decoder(for: try requiredValue(for: key), key: key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        decoder.decoder(for: try requiredValue(for: JSONSuperKey.super), key: JSONSuperKey.super)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        decoder.decoder(for: try requiredValue(for: key), key: key)
    }

    // MARK: Lookup

    /// The entries of the object's keys; each is followed by its value's entry.
    private var keyEntries: [Int] {
        let entries = decoder.tape.entries
        var keys: [Int] = []
        var index = object + 1
        for _ in 0..<entries[object].length {
            keys.append(index)
            index = Int(entries[index + 1].next)
        }
        return keys
    }

    private func valueEntry(for key: some CodingKey) -> Int? {
        decoder.tape.value(in: object, forKey: key.stringValue)
    }

    private func requiredValue(for key: some CodingKey) throws -> Int {
        guard let index = valueEntry(for: key) else {
            throw DecodingError.keyNotFound(key, DecodingError.Context(
                codingPath: codingPath, debugDescription: "No value associated with key \(key) (\"\(key.stringValue)\")."
            ))
        }
        return index
    }

    /// The value's entry when the key is there and its value is not null.
    private func presentValue(for key: Key) -> Int? {
        guard let index = valueEntry(for: key), decoder.tape.entries[index].kind != .null else { return nil }
        return index
    }
}

/// The key `superDecoder()` reads, as in Foundation.
private enum JSONSuperKey: String, CodingKey {
    case `super`
}
