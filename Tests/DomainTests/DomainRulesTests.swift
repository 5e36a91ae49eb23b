import Domain
import FieldOpsCore
import FieldOpsCrypto
import Foundation
import Identity
import TestSupport
import Testing

/// The pure rules of the domain: no database, no server.
@Suite("Domain rules")
struct DomainRulesTests {
    @Test func thePublishedPermissionMatrixIsTheEnforcedOne() throws {
        let published = try String(contentsOf: TestServices.repositoryRoot.appendingPathComponent("docs/permissions.md"), encoding: .utf8)
        #expect(published == PermissionMatrix.markdown, "regenerate with: fieldopsctl docs permissions > docs/permissions.md")
    }

    @Test func rolesHaveTheReachTheProductPromises() {
        #expect(!PermissionMatrix.allows(.technician, Permission(.sites, .delete)))
        #expect(!PermissionMatrix.allows(.siteLead, Permission(.tenants, .update)), "a site lead cannot change licences")
        #expect(!PermissionMatrix.allows(.tenantAdmin, Permission(.tenants, .update)), "licences are the platform's")
        #expect(PermissionMatrix.allows(.platformAdmin, Permission(.tenants, .update)))
        #expect(!PermissionMatrix.allows(.manager, Permission(.users, .create)))
        #expect(PermissionMatrix.allows(.technician, Permission(.fieldwork, .create)))
    }

    @Test func theWorkflowRefusesMovesItDoesNotHaveAndRolesItDoesNotTrust() {
        #expect(InterventionWorkflow.refusal(from: .draft, to: .planned, role: .projectManager) == nil)
        #expect(InterventionWorkflow.refusal(from: .draft, to: .done, role: .tenantAdmin)?.code == .notAllowed)
        #expect(InterventionWorkflow.refusal(from: .done, to: .validated, role: .technician)?.code == .forbidden)
        #expect(InterventionWorkflow.refusal(from: .validated, to: .invoiced, role: .siteLead)?.code == .forbidden)
        #expect(InterventionWorkflow.refusal(from: .invoiced, to: .cancelled, role: .tenantAdmin)?.code == .notAllowed, "invoiced work stays")
        for status in InterventionStatus.allCases where status != .invoiced && status != .cancelled {
            let reachable = InterventionStatus.allCases.contains { InterventionWorkflow.refusal(from: status, to: $0, role: .tenantAdmin) == nil }
            #expect(reachable, "\(status) is not a dead end")
        }
    }

    @Test func timestampsNeedAZoneAndCompareAsInstants() {
        #expect(ISO8601Timestamp.parse("2026-12-04T08:30:00Z") == 1_796_373_000)
        #expect(ISO8601Timestamp.parse("2026-12-04T09:30:00.500+01:00") == 1_796_373_000.5)
        for text in ["2026-12-04T08:30:00", "2026-12-04 08:30:00Z", "2026-02-30T00:00:00Z", "2026-12-04T24:00:00Z", "2026-12-04T08:30:00+25:00", "yesterday"] {
            #expect(ISO8601Timestamp.parse(text) == nil, "\(text)")
        }
        let validator = RecordValidator(ResourceCatalog.shifts)
        #expect(throws: FieldErrors.self, "09:00 in Paris is before 08:30 UTC") {
            try validator.checkOrder(["starts_at": "2026-12-04T08:30:00Z", "ends_at": "2026-12-04T09:00:00+01:00"])
        }
    }

    @Test func anAuditChainIsVerifiedAndEveryKindOfTamperingShows() {
        var entries: [AuditEntry] = []
        var previous = AuditChainVerifier.genesisHash
        for seq in 1...5 as ClosedRange<Int64> {
            let parts = [String(seq), "2026-12-04T08:30:00.000000Z", "user:1", "update", "sites", "s1", #"{"a": 1}"#, #"{"a": 2}"#, "", "", ""]
            let hash = SHA256.digest(previous + Array(parts.joined(separator: "|").utf8))
            entries.append(AuditEntry(seq: seq, canonicalParts: parts, previousHash: previous, hash: hash))
            previous = hash
        }
        func verify(_ entries: [AuditEntry], headSeq: Int64 = 5, headHash: [UInt8]? = nil) -> [AuditProblem] {
            var verifier = AuditChainVerifier()
            entries.forEach { verifier.feed($0) }
            verifier.finish(headSeq: headSeq, headHash: headHash ?? entries.last?.hash ?? AuditChainVerifier.genesisHash)
            return verifier.problems
        }
        #expect(verify(entries).isEmpty)
        var edited = entries
        edited[2] = AuditEntry(seq: 3, canonicalParts: edited[2].canonicalParts.map { $0.replacingOccurrences(of: "2}", with: "3}") }, previousHash: edited[2].previousHash, hash: edited[2].hash)
        #expect(verify(edited).map(\.seq) == [3])
        var deleted = entries
        deleted.remove(at: 1)
        #expect(Set(verify(deleted).map(\.seq)) == [3])
        #expect(verify(Array(entries.prefix(3)), headSeq: 5, headHash: entries[4].hash).map(\.seq) == [5])
    }
}
