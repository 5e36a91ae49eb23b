import FieldOpsCrypto

/// The signature of a webhook delivery, sent in the `FieldOps-Signature` header as
/// `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`.
///
/// Signing the timestamp with the body lets a receiver refuse replays: it recomputes the MAC over
/// the received timestamp and raw body, compares in constant time, and rejects a timestamp more
/// than `tolerance` seconds away from its clock.
public enum WebhookSignature {
    public static let headerName = "FieldOps-Signature"

    public static func mac(secret: [UInt8], timestamp: Int64, body: [UInt8]) -> [UInt8] {
        HMACSHA256.authenticate(Array("\(timestamp).".utf8) + body, key: secret)
    }

    public static func header(secret: [UInt8], timestamp: Int64, body: [UInt8]) -> String {
        "t=\(timestamp),v1=\(Hex.encode(mac(secret: secret, timestamp: timestamp, body: body)))"
    }

    public enum Verification: Sendable, Equatable {
        case valid
        case malformed
        case mismatch
        case stale
    }

    public static func verify(header: String, secret: [UInt8], body: [UInt8], now: Int64, tolerance: Int64 = 300) -> Verification {
        var timestamp: Int64?
        var signatures: [[UInt8]] = []
        for field in header.split(separator: ",") {
            let pair = field.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { return .malformed }
            switch pair[0].trimmingPrefix(" ") {
            case "t": timestamp = Int64(pair[1])
            case "v1": if let bytes = Hex.decode(String(pair[1])) { signatures.append(bytes) }
            default: continue
            }
        }
        guard let timestamp, !signatures.isEmpty else { return .malformed }
        let expected = mac(secret: secret, timestamp: timestamp, body: body)
        // Several v1 values are accepted while a secret rotates.
        guard signatures.contains(where: { HMACSHA256.equal($0, expected) }) else { return .mismatch }
        return abs(now - timestamp) <= tolerance ? .valid : .stale
    }
}
