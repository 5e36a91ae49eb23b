import FieldOpsCore
import Foundation
import Testing

/// `JSONTapeDecoder` against Foundation's `JSONDecoder` on the same inputs: the same values, or
/// both fail.
@Suite("JSONTapeDecoder")
struct JSONTapeDecoderTests {
    /// What one decoder made of a text: the value, or the kind of error and where it happened.
    enum Outcome<T: Equatable>: Equatable, CustomStringConvertible {
        case value(T)
        case failure(kind: String, path: [String])

        init(_ decode: () throws -> T) {
            do {
                self = .value(try decode())
            } catch let error as DecodingError {
                switch error {
                case .typeMismatch(_, let context): self = .failure(kind: "typeMismatch", path: context.codingPath.map(\.stringValue))
                case .valueNotFound(_, let context): self = .failure(kind: "valueNotFound", path: context.codingPath.map(\.stringValue))
                case .keyNotFound(let key, let context): self = .failure(kind: "keyNotFound", path: (context.codingPath + [key]).map(\.stringValue))
                case .dataCorrupted: self = .failure(kind: "dataCorrupted", path: [])
                @unknown default: self = .failure(kind: "unknown", path: [])
                }
            } catch {
                self = .failure(kind: "\(type(of: error))", path: [])
            }
        }

        var failed: Bool {
            if case .failure = self { true } else { false }
        }

        var description: String {
            switch self {
            case .value(let value): "\(value)"
            case .failure(let kind, let path): "\(kind) at \(path)"
            }
        }
    }

    static func outcomes<T: Decodable & Equatable>(_: T.Type, _ bytes: [UInt8]) -> (tape: Outcome<T>, foundation: Outcome<T>) {
        (Outcome { try JSONTapeDecoder().decode(T.self, from: bytes) }, Outcome { try JSONDecoder().decode(T.self, from: Data(bytes)) })
    }

    @Test("random samples encoded by Foundation decode to the same values", arguments: 0..<4)
    func sameValues(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        let encoder = JSONEncoder()
        for round in 0..<250 {
            let sample = DecoderSample.random(using: &generator)
            encoder.outputFormatting = round.isMultiple(of: 2) ? [.prettyPrinted] : [.withoutEscapingSlashes]
            let bytes = Array(try encoder.encode(sample))
            let decoded = try JSONTapeDecoder().decode(DecoderSample.self, from: bytes)
            #expect(decoded == sample, "seed \(seed) round \(round): \(String(decoding: bytes, as: UTF8.self))")
            #expect(decoded == (try JSONDecoder().decode(DecoderSample.self, from: Data(bytes))))
        }
    }

    @Test("mutated texts give the same value or fail in both", arguments: 0..<4)
    func mutations(seed: UInt64) throws {
        var generator = SeededGenerator(seed: 1000 + seed)
        // Bytes that change the structure or the validity of a text.
        let pieces: [[UInt8]] = ["\"", "\\", "\\u", "\\ud800", "{", "}", "[", "]", ",", ":", " ", "0", "-", ".", "e", "1e999", "null", "true", "\u{1}", "é"]
            .map { Array($0.utf8) } + [[0xFF], [0xC3]]
        var agreed = (values: 0, failures: 0)
        for round in 0..<600 {
            var bytes = Array(try JSONEncoder().encode(DecoderSample.random(using: &generator)))
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let position = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: bytes.remove(at: position)
                case 1: bytes.insert(contentsOf: pieces.randomElement(using: &generator)!, at: position)
                default: bytes.replaceSubrange(position...position, with: pieces.randomElement(using: &generator)!)
                }
            }
            let (tape, foundation) = Self.outcomes(DecoderSample.self, bytes)
            if case .value = foundation {
                #expect(tape == foundation, "seed \(seed) round \(round): \(String(decoding: bytes, as: UTF8.self))")
                agreed.values += 1
            } else {
                #expect(tape.failed, "seed \(seed) round \(round): Foundation failed (\(foundation)), the tape decoder gave \(tape)")
                agreed.failures += 1
            }
        }
        // Both sides of the comparison were exercised.
        #expect(agreed.values > 20 && agreed.failures > 20, "\(agreed)")
    }

    @Test("texts at the edges of the grammar and of each type", arguments: [
        "5", " 5 ", "-0", "1.0", "1e2", "1.5e1", "15e-1", "100e-2", "0e400", "1E400", "01", "1.", ".5", "+1", "-", "1e", "--1",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "9007199254740993.0", "-56790319561870288.8", "10527738150844040.06", "1437883626507341262.4", "6657532869874974.855", "1e-400", "18446744073709551615.0",
        "[1,2,]", "[1,,2]", "[,]", "[1 2]", "[", "]", "", "null", "true", "nul", "truex", "\"5\"", "\u{FEFF}5", "\u{C}5", "5 x",
    ])
    func integerEdges(text: String) {
        let bytes = text == "\u{FEFF}5" ? [0xEF, 0xBB, 0xBF, 0x35] : Array(text.utf8)
        let int = Self.outcomes(Int.self, bytes)
        #expect(int.tape == int.foundation, "Int from \(text)")
        let list = Self.outcomes([Int].self, bytes)
        #expect(list.tape == list.foundation, "[Int] from \(text)")
        let optional = Self.outcomes(Int?.self, bytes)
        #expect(optional.tape == optional.foundation, "Int? from \(text)")
    }

    @Test("floating-point texts round as Foundation rounds them", arguments: [
        "0.1", "-0.0", "4.9e-324", "2e-324", "1e-320", "1.7976931348623157e308", "1.7976931348623159e308", "123456789012345678901234567890",
        "1.000000000000000000000000000001", "3.4028235e38", "3.4028236e38", "1e-45", "1e-50", "16777217", "0.30000000000000004", "9007199254740993",
    ])
    func floatingPointEdges(text: String) {
        let double = Self.outcomes(Double.self, Array(text.utf8))
        #expect(double.tape == double.foundation, "Double from \(text)")
        let float = Self.outcomes(Float.self, Array(text.utf8))
        #expect(float.tape == float.foundation, "Float from \(text)")
    }

    @Test("strings: escapes, surrogates, control characters and UTF-8", arguments: [
        #""\u0061\/\"\\\b\f\n\r\t""#, #""\uD83D\uDE00""#, #""\ud800""#, #""\udc00""#, #""\ud83dx""#, #""\ud83d\n""#, #""\q""#, #""\u12zz""#,
        "\"\t\"", "\"\u{7F}\"", #""\u0000""#, "\"e\u{301}\"", "\"😀\"",
    ])
    func stringEdges(text: String) {
        let string = Self.outcomes(String.self, Array(text.utf8))
        #expect(string.tape == string.foundation, "String from \(text)")
    }

    @Test("a value nobody reads cannot fail the text, a key always can")
    func lazyChecks() {
        struct Only: Codable, Equatable { var a: String }
        for text in [#"{"a":"x","b":"\ud800"}"#, #"{"a":"x","b":"\q"}"#, #"{"a":"x","b":01}"#, #"{"a":"x","b":1e999}"#, #"{"a":"x","c":{"\q":1}}"#] {
            let outcome = Self.outcomes(Only.self, Array(text.utf8))
            #expect(outcome.tape == .value(Only(a: "x")) && outcome.tape == outcome.foundation, "\(text)")
        }
        for text in [#"{"a":"x","\q":1}"#, #"{"a":"x","\ud800":1}"#, #"{"a":"x","b":tru}"#, #"{"a":"x","b":"\u12"}"#] {
            let outcome = Self.outcomes(Only.self, Array(text.utf8))
            #expect(outcome.tape.failed && outcome.foundation.failed, "\(text)")
        }
        let invalidUTF8Unused = Array(#"{"a":"x","b":""#.utf8) + [0xFF, 0x22, 0x7D]
        #expect(Self.outcomes(Only.self, invalidUTF8Unused).tape == .value(Only(a: "x")))
    }

    @Test("the first of two equal keys wins, and keys match as Swift strings compare")
    func keys() throws {
        struct Accent: Codable, Equatable {
            var value: Int
            enum CodingKeys: String, CodingKey { case value = "é" }
        }
        for text in ["{\"e\u{301}\":1}", #"{"\u00e9":1}"#, #"{"é":1,"é":2}"#] {
            let outcome = Self.outcomes(Accent.self, Array(text.utf8))
            #expect(outcome.tape == .value(Accent(value: 1)) && outcome.tape == outcome.foundation, "\(text)")
        }
        let dictionary = Self.outcomes([String: Int].self, Array(#"{"x":1,"x":2,"y":3}"#.utf8))
        #expect(dictionary.tape == .value(["x": 1, "y": 3]) && dictionary.tape == dictionary.foundation)
        struct KeyCount: Decodable, Equatable {
            let count: Int
            init(count: Int) { self.count = count }
            init(from decoder: any Decoder) throws {
                count = try decoder.container(keyedBy: JSONIndexlessKey.self).allKeys.count
            }
        }
        let keyCount = Self.outcomes(KeyCount.self, Array(#"{"x":1,"x":2,"y":3}"#.utf8))
        #expect(keyCount.tape == .value(KeyCount(count: 2)) && keyCount.tape == keyCount.foundation)
    }

    @Test("errors name the path of the member that failed, as Foundation's do")
    func errorPaths() {
        struct Leaf: Codable, Equatable { var latitude: Double }
        struct Batch: Codable, Equatable { var positions: [Leaf] }
        let cases: [(String, JSONTapeDecoderTests.Outcome<Batch>)] = [
            (#"{"positions":[{"latitude":1},{"latitude":"north"}]}"#, .failure(kind: "typeMismatch", path: ["positions", "Index 1", "latitude"])),
            (#"{"positions":[{"latitude":1},{}]}"#, .failure(kind: "keyNotFound", path: ["positions", "Index 1", "latitude"])),
            (#"{"positions":[{"latitude":null}]}"#, .failure(kind: "valueNotFound", path: ["positions", "Index 0", "latitude"])),
            (#"{"positions":{"latitude":1}}"#, .failure(kind: "typeMismatch", path: ["positions"])),
        ]
        for (text, expected) in cases {
            let outcome = Self.outcomes(Batch.self, Array(text.utf8))
            #expect(outcome.tape == expected, "\(text)")
            #expect(outcome.foundation == expected, "Foundation on \(text)")
        }
    }

    @Test("ISO 8601 dates read as Foundation's .iso8601 strategy reads them, nested or not", arguments: [
        "2026-12-05T10:00:00Z", "2026-12-05T10:00:00+02:00", "2026-12-05T10:00:00.250Z", "2026-02-30T10:00:00Z",
        "2026-12-05 10:00:00", "2026-12-05", "20261205T100000Z", "", "yesterday",
    ])
    func iso8601Dates(text: String) throws {
        struct Stamped: Codable, Equatable { var at: Date; var history: [Date] }
        let json = Array(#"{"at":"\#(text)","history":["2026-01-01T00:00:00Z","\#(text)"]}"#.utf8)
        let foundation = JSONDecoder()
        foundation.dateDecodingStrategy = .iso8601
        let tape = Outcome { try JSONTapeDecoder(dateDecoding: .iso8601).decode(Stamped.self, from: json) }
        #expect(tape == Outcome { try foundation.decode(Stamped.self, from: Data(json)) })
        if case .value(let stamped) = tape {
            #expect(stamped.at == (try Date.ISO8601FormatStyle().parse(text)))
        }
        // The member that failed is named, and a number is no date under this strategy.
        do {
            _ = try JSONTapeDecoder(dateDecoding: .iso8601).decode(Stamped.self, from: Array(#"{"at":0,"history":[]}"#.utf8))
            Issue.record("a number decoded as an ISO 8601 date")
        } catch DecodingError.typeMismatch(_, let context) {
            #expect(context.codingPath.map(\.stringValue) == ["at"])
        }
        if !tape.failed { return }
        do {
            _ = try JSONTapeDecoder(dateDecoding: .iso8601).decode(Stamped.self, from: json)
        } catch DecodingError.dataCorrupted(let context) {
            #expect(context.codingPath.map(\.stringValue) == ["at"])
        }
    }

    @Test("nesting deeper than 512 levels is refused")
    func depth() {
        struct Anything: Decodable, Equatable {
            init(from _: any Decoder) {}
        }
        for depth in [512, 513] {
            let text = Array((String(repeating: "[", count: depth) + String(repeating: "]", count: depth)).utf8)
            let outcome = Self.outcomes(Anything.self, text)
            #expect(outcome.tape == outcome.foundation, "depth \(depth)")
            #expect(outcome.tape.failed == (depth > 512))
        }
    }
}

/// Any key a text holds.
private struct JSONIndexlessKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }

    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue _: Int) { nil }
}
