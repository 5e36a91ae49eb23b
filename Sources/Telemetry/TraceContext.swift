import FieldOpsCore

/// W3C Trace Context (`traceparent` / `tracestate`), carried from HTTP into message headers and
/// through every worker so one request can be followed across processes.
///
/// Only version `00` is produced. Parsing follows the specification: lowercase hex only, all-zero
/// ids and version `ff` are invalid, and a future version may append fields after a `-`.
public struct TraceContext: Sendable, Hashable {
    public var traceID: TraceID
    /// The id of the span that made this context: the parent of whatever is created from it.
    public var spanID: SpanID
    public var flags: UInt8
    /// Vendor state, passed on untouched.
    public var tracestate: String?

    public init(traceID: TraceID, spanID: SpanID, flags: UInt8 = TraceContext.sampledFlag, tracestate: String? = nil) {
        self.traceID = traceID
        self.spanID = spanID
        self.flags = flags
        self.tracestate = tracestate
    }

    public static let sampledFlag: UInt8 = 0x01

    public var isSampled: Bool { flags & Self.sampledFlag != 0 }

    /// A new trace (a request that arrived without `traceparent`), sampled.
    public static func random() -> TraceContext {
        TraceContext(traceID: .random(), spanID: .random())
    }

    /// The same trace with a new span id: what a process puts on the requests and messages it sends.
    public func child() -> TraceContext {
        TraceContext(traceID: traceID, spanID: .random(), flags: flags, tracestate: tracestate)
    }

    /// `00-<trace id>-<span id>-<flags>`.
    public var traceparent: String {
        "00-\(traceID.hex)-\(spanID.hex)-\(Hex.encode(UInt64(flags), digits: 2))"
    }

    /// Parses a `traceparent` header; nil when it is not valid, in which case the caller starts a new trace.
    public init?(traceparent: String, tracestate: String? = nil) {
        // Read in place: every consumed message carries one, so no array of its bytes is made.
        var traceparent = traceparent
        let fields = traceparent.withUTF8 { bytes -> (traceID: TraceID, spanID: SpanID, flags: UInt8)? in
            guard bytes.count >= 55, bytes[2] == UInt8(ascii: "-"), bytes[35] == UInt8(ascii: "-"),
                  bytes[52] == UInt8(ascii: "-"),
                  let version = Hex.decode(bytes[0..<2]), version != 0xff,
                  let high = Hex.decode(bytes[3..<19]), let low = Hex.decode(bytes[19..<35]),
                  let span = Hex.decode(bytes[36..<52]), let flags = Hex.decode(bytes[53..<55])
            else { return nil }
            // Version 00 has exactly four fields; later versions may add more after a dash.
            if version == 0 {
                guard bytes.count == 55 else { return nil }
            } else if bytes.count > 55, bytes[55] != UInt8(ascii: "-") {
                return nil
            }
            return (TraceID(high: high, low: low), SpanID(value: span), UInt8(flags))
        }
        guard let fields, fields.traceID.isValid, fields.spanID.isValid else { return nil }
        self.init(traceID: fields.traceID, spanID: fields.spanID, flags: fields.flags, tracestate: tracestate.flatMap { $0.isEmpty ? nil : $0 })
    }
}

/// A 16-byte trace id.
public struct TraceID: Sendable, Hashable {
    public var high: UInt64
    public var low: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    public static func random() -> TraceID {
        var id = TraceID(high: 0, low: 0)
        while !id.isValid { id = TraceID(high: RandomPool.next(), low: RandomPool.next()) }
        return id
    }

    public var isValid: Bool { high != 0 || low != 0 }

    /// 32 lowercase hex digits.
    public var hex: String { Hex.encode(high, digits: 16) + Hex.encode(low, digits: 16) }
}

/// An 8-byte span id.
public struct SpanID: Sendable, Hashable {
    public var value: UInt64

    public init(value: UInt64) {
        self.value = value
    }

    public static func random() -> SpanID {
        var id = SpanID(value: 0)
        while !id.isValid { id = SpanID(value: RandomPool.next()) }
        return id
    }

    public var isValid: Bool { value != 0 }

    /// 16 lowercase hex digits.
    public var hex: String { Hex.encode(value, digits: 16) }
}

/// Lowercase hexadecimal, the only case Trace Context accepts.
enum Hex {
    static func encode(_ value: UInt64, digits: Int) -> String {
        let raw = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - raw.count)) + raw
    }

    /// At most 16 lowercase hex digits; nil on any other character.
    static func decode(_ digits: Slice<UnsafeBufferPointer<UInt8>>) -> UInt64? {
        var value: UInt64 = 0
        for digit in digits {
            let nibble: UInt8
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = digit - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = digit - UInt8(ascii: "a") + 10
            default: return nil
            }
            value = value << 4 | UInt64(nibble)
        }
        return value
    }
}
