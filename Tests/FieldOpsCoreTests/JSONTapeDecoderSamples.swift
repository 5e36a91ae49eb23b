import Foundation

/// Values the decoder property tests generate, encode with Foundation and decode with both
/// decoders: every kind of member Codable offers (nested types, optionals, arrays, dictionaries,
/// raw-value enums, every integer width, floats, dates, data, URLs, decimals) plus a type that
/// decodes itself through nested containers, a super decoder and an unkeyed container.
struct DecoderSample: Codable, Equatable {
    enum Kind: String, Codable, CaseIterable { case alpha, beta = "b-e-t-a", gamma }
    enum Level: Int, Codable, CaseIterable { case low = 1, high = 2 }

    struct Inner: Codable, Equatable {
        var name: String
        var values: [Double]
        var flag: Bool?
        var level: Level
    }

    var id: Int64
    var small: Int8
    var unsigned: UInt16
    var count: Int
    var big: UInt64
    var wide: Int32
    var ratio: Double
    var single: Float
    var text: String
    var note: String?
    var kind: Kind
    var inner: Inner
    var inners: [Inner]
    var tags: [String: String]
    var matrix: [[Int]]
    var at: Date
    var blob: Data
    var link: URL?
    var amount: Decimal?
    var holes: [Int?]
    var custom: SelfDecoded

    enum CodingKeys: String, CodingKey {
        case id, small, unsigned, count, big, wide, ratio, single, text, note, kind, inner, inners, tags, matrix, at, blob, link, amount, holes
        case custom = "größe"
    }
}

/// Decodes itself the long way: a pair from an unkeyed container through a super decoder, a value
/// from a nested keyed container.
struct SelfDecoded: Codable, Equatable {
    var number: Int
    var label: String
    var nested: Double

    private enum Keys: String, CodingKey { case pair, meta }
    private enum MetaKeys: String, CodingKey { case value }

    init(number: Int, label: String, nested: Double) {
        self.number = number
        self.label = label
        self.nested = nested
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        var pair = try container.superDecoder(forKey: .pair).unkeyedContainer()
        number = try pair.decode(Int.self)
        label = try pair.decode(String.self)
        guard pair.isAtEnd else { throw DecodingError.dataCorruptedError(in: pair, debugDescription: "a pair has two members") }
        nested = try container.nestedContainer(keyedBy: MetaKeys.self, forKey: .meta).decode(Double.self, forKey: .value)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        var pair = container.nestedUnkeyedContainer(forKey: .pair)
        try pair.encode(number)
        try pair.encode(label)
        var meta = container.nestedContainer(keyedBy: MetaKeys.self, forKey: .meta)
        try meta.encode(nested, forKey: .value)
    }
}

/// Reproducible randomness for the property tests (SplitMix64).
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}

extension DecoderSample {
    static func random(using generator: inout SeededGenerator) -> DecoderSample {
        func text() -> String {
            // Quotes, backslashes, control characters, accents, emoji: everything the encoder escapes or not.
            let alphabet: [Character] = ["a", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\u{1}", "\u{7F}", "é", "e\u{301}", "€", "😀", "中"]
            return String((0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
        }
        func double() -> Double {
            switch Int.random(in: 0..<4, using: &generator) {
            case 0: Double(Int.random(in: -1000...1000, using: &generator))
            case 1: Double.random(in: -1e6...1e6, using: &generator)
            case 2: Double.random(in: -1...1, using: &generator) * pow(10, Double(Int.random(in: -300...300, using: &generator)))
            default: [0, -0.0, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 0.1, 1e23].randomElement(using: &generator)!
            }
        }
        func inner() -> Inner {
            Inner(
                name: text(), values: (0..<Int.random(in: 0...3, using: &generator)).map { _ in double() },
                flag: [true, false, nil].randomElement(using: &generator)!, level: Level.allCases.randomElement(using: &generator)!
            )
        }
        return DecoderSample(
            id: Int64.random(in: .min ... .max, using: &generator), small: Int8.random(in: .min ... .max, using: &generator),
            unsigned: UInt16.random(in: .min ... .max, using: &generator), count: Int.random(in: -1_000_000...1_000_000, using: &generator),
            big: UInt64.random(in: .min ... .max, using: &generator), wide: Int32.random(in: .min ... .max, using: &generator),
            ratio: double(), single: Float.random(in: -1e6...1e6, using: &generator), text: text(),
            note: Bool.random(using: &generator) ? text() : nil, kind: Kind.allCases.randomElement(using: &generator)!, inner: inner(),
            inners: (0..<Int.random(in: 0...3, using: &generator)).map { _ in inner() },
            tags: Dictionary((0..<Int.random(in: 0...3, using: &generator)).map { _ in (text(), text()) }) { first, _ in first },
            matrix: (0..<Int.random(in: 0...3, using: &generator)).map { _ in (0..<Int.random(in: 0...3, using: &generator)).map { _ in Int.random(in: -99...99, using: &generator) } },
            at: Date(timeIntervalSinceReferenceDate: Double(Int.random(in: -1_000_000_000...1_000_000_000, using: &generator)) / 8),
            blob: Data((0..<Int.random(in: 0...9, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }),
            link: Bool.random(using: &generator) ? URL(string: "https://example.com/p/\(Int.random(in: 0...999, using: &generator))?q=a%20b") : nil,
            amount: Bool.random(using: &generator) ? Decimal(Int.random(in: -99999...99999, using: &generator)) / 100 : nil,
            holes: (0..<Int.random(in: 0...4, using: &generator)).map { _ in Bool.random(using: &generator) ? Int.random(in: 0...9, using: &generator) : nil },
            custom: SelfDecoded(number: Int.random(in: -9...9, using: &generator), label: text(), nested: double())
        )
    }
}
