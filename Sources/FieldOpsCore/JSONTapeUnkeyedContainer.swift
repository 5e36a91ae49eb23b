/// An array's elements in order; `currentIndex` moves past each element decoded.
struct JSONTapeUnkeyedContainer: UnkeyedDecodingContainer {
    private let decoder: JSONTapeValueDecoder
    private let array: Int
    /// The entry of the element at `currentIndex`.
    private var element: Int
    private(set) var currentIndex = 0

    init(decoder: JSONTapeValueDecoder, array: Int) throws {
        let entry = decoder.tape.entries[array]
        guard entry.kind == .array else { throw decoder.mismatch([Any].self, found: entry, key: nil) }
        self.decoder = decoder
        self.array = array
        element = array + 1
    }

    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { Int(decoder.tape.entries[array].length) }
    var isAtEnd: Bool { currentIndex >= count! }

    mutating func decodeNil() throws -> Bool {
        guard decoder.tape.entries[try current()].kind == .null else { return false }
        advance()
        return true
    }

    mutating func decode(_: Bool.Type) throws -> Bool { try take { try $0.decodeBool(at: $1, key: $2) } }
    mutating func decode(_: String.Type) throws -> String { try take { try $0.decodeString(at: $1, key: $2) } }
    mutating func decode(_: Double.Type) throws -> Double { try take { try $0.decodeFloatingPoint(Double.self, at: $1, key: $2) } }
    mutating func decode(_: Float.Type) throws -> Float { try take { try $0.decodeFloatingPoint(Float.self, at: $1, key: $2) } }
    mutating func decode(_: Int.Type) throws -> Int { try take { try $0.decodeInteger(Int.self, at: $1, key: $2) } }
    mutating func decode(_: Int8.Type) throws -> Int8 { try take { try $0.decodeInteger(Int8.self, at: $1, key: $2) } }
    mutating func decode(_: Int16.Type) throws -> Int16 { try take { try $0.decodeInteger(Int16.self, at: $1, key: $2) } }
    mutating func decode(_: Int32.Type) throws -> Int32 { try take { try $0.decodeInteger(Int32.self, at: $1, key: $2) } }
    mutating func decode(_: Int64.Type) throws -> Int64 { try take { try $0.decodeInteger(Int64.self, at: $1, key: $2) } }
    mutating func decode(_: UInt.Type) throws -> UInt { try take { try $0.decodeInteger(UInt.self, at: $1, key: $2) } }
    mutating func decode(_: UInt8.Type) throws -> UInt8 { try take { try $0.decodeInteger(UInt8.self, at: $1, key: $2) } }
    mutating func decode(_: UInt16.Type) throws -> UInt16 { try take { try $0.decodeInteger(UInt16.self, at: $1, key: $2) } }
    mutating func decode(_: UInt32.Type) throws -> UInt32 { try take { try $0.decodeInteger(UInt32.self, at: $1, key: $2) } }
    mutating func decode(_: UInt64.Type) throws -> UInt64 { try take { try $0.decodeInteger(UInt64.self, at: $1, key: $2) } }
    mutating func decode<T: Decodable>(_: T.Type) throws -> T { try take { try $0.decodeValue(T.self, at: $1, key: $2) } }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy _: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try take { try $0.decoder(for: $1, key: $2).container(keyedBy: NestedKey.self) }
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try take { try $0.decoder(for: $1, key: $2).unkeyedContainer() }
    }

    mutating func superDecoder() throws -> any Decoder {
        try take { $0.decoder(for: $1, key: $2) }
    }

    /// Reads the current element and moves past it once it was read.
    private mutating func take<T>(_ read: (JSONTapeValueDecoder, Int, JSONIndexKey) throws -> T) throws -> T {
        let value = try read(decoder, try current(), JSONIndexKey(index: currentIndex))
        advance()
        return value
    }

    private func current() throws -> Int {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(Any.self, DecodingError.Context(
                codingPath: codingPath + [JSONIndexKey(index: currentIndex)], debugDescription: "Unkeyed container is at end."
            ))
        }
        return element
    }

    private mutating func advance() {
        element = Int(decoder.tape.entries[element].next)
        currentIndex += 1
    }
}
