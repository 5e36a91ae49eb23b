import FieldOpsCrypto

/// One audit entry as stored: the parts its hash covers, in order, and the two hashes.
public struct AuditEntry: Sendable {
    public let seq: Int64
    /// seq, occurred_at (UTC, microseconds), actor, action, entity, entity_id, before, after,
    /// latitude, longitude, request_id — as text, absent ones empty.
    public let canonicalParts: [String]
    public let previousHash: [UInt8]
    public let hash: [UInt8]

    public init(seq: Int64, canonicalParts: [String], previousHash: [UInt8], hash: [UInt8]) {
        self.seq = seq
        self.canonicalParts = canonicalParts
        self.previousHash = previousHash
        self.hash = hash
    }
}

/// What is wrong with the trail, entry by entry.
public struct AuditProblem: Sendable, Equatable, CustomStringConvertible {
    public let seq: Int64
    public let reason: String

    public var description: String { "entry \(seq): \(reason)" }
}

/// Walks a tenant's audit chain in order and recomputes every hash: an edited entry no longer
/// matches its hash, a deleted one leaves a gap and a broken link, a truncated tail no longer
/// reaches the recorded head. Pure: the caller feeds entries as it reads them.
public struct AuditChainVerifier: Sendable {
    public static let genesisHash = [UInt8](repeating: 0, count: 32)

    private var expectedSeq: Int64 = 1
    private var previousHash = Self.genesisHash
    public private(set) var checked = 0
    public private(set) var problems: [AuditProblem] = []

    public init() {}

    public mutating func feed(_ entry: AuditEntry) {
        checked += 1
        if entry.seq != expectedSeq {
            problems.append(AuditProblem(seq: entry.seq, reason: "entries \(expectedSeq)…\(entry.seq - 1) are missing"))
        }
        if entry.previousHash != previousHash {
            problems.append(AuditProblem(seq: entry.seq, reason: "does not link to the entry before it"))
        }
        let text = entry.canonicalParts.joined(separator: "|")
        if SHA256.digest(entry.previousHash + Array(text.utf8)) != entry.hash {
            problems.append(AuditProblem(seq: entry.seq, reason: "its content no longer matches its hash (edited)"))
        }
        expectedSeq = entry.seq + 1
        previousHash = entry.hash
    }

    /// Compares the end of the walk with the head the database recorded.
    public mutating func finish(headSeq: Int64, headHash: [UInt8]) {
        if expectedSeq - 1 != headSeq || previousHash != headHash {
            problems.append(AuditProblem(seq: headSeq, reason: "the chain ends at entry \(expectedSeq - 1) but its recorded head is entry \(headSeq)"))
        }
    }

    public var isIntact: Bool { problems.isEmpty }
}
