import Foundation
import Jobs
import Postgres
import TestSupport
import Testing

@Suite("Job store")
struct JobStoreTests {
    let tenant = TestServices.uniqueName("tenant")

    func withStore(_ body: (JobStore) async throws -> Void) async throws {
        let pool = try await TestServices.controlPlanePool()
        do {
            try await body(JobStore(pool: pool))
        } catch {
            await pool.close()
            throw error
        }
        await pool.close()
    }

    @Test("a job moves queued → running → succeeded and keeps its result")
    func lifecycle() async throws {
        try await withStore { store in
            let id = UUID()
            try await store.create(id: id, tenant: tenant, kind: "report.render.v1", submittedBy: "user-1", payload: Array(#"{"site":"S1"}"#.utf8))
            #expect(try await store.find(id: id, tenant: tenant)?.status == .queued)
            #expect(try await store.markRunning(id: id, attempt: 1))
            #expect(try await store.markSucceeded(id: id, result: Array(#"{"pages":3}"#.utf8)))
            let job = try #require(try await store.find(id: id, tenant: tenant))
            #expect(job.status == .succeeded)
            #expect(job.attempts == 1)
            #expect(job.finishedAt != nil)
            let result = try JSONSerialization.jsonObject(with: Data(try #require(job.result))) as? [String: Int]
            #expect(result == ["pages": 3])
        }
    }

    @Test("a finished job never moves back, whatever arrives late")
    func noRegression() async throws {
        try await withStore { store in
            let id = UUID()
            try await store.create(id: id, tenant: tenant, kind: "photo.watermark.v1", submittedBy: "u", payload: Array("{}".utf8))
            #expect(try await store.markFailed(id: id, error: Array(#"{"reason":"invalid payload"}"#.utf8)))
            #expect(try await store.markRunning(id: id, attempt: 2) == false)
            #expect(try await store.markSucceeded(id: id, result: Array("{}".utf8)) == false)
            #expect(try await store.markRetrying(id: id) == false)
            #expect(try await store.find(id: id, tenant: tenant)?.status == .failed)
        }
    }

    @Test("another tenant's job reads as absent")
    func tenantIsolation() async throws {
        try await withStore { store in
            let id = UUID()
            try await store.create(id: id, tenant: tenant, kind: "k", submittedBy: "u", payload: Array("{}".utf8))
            #expect(try await store.find(id: id, tenant: "someone-else") == nil)
            #expect(try await store.find(id: id, tenant: tenant) != nil)
        }
    }

    @Test("a job whose command was never published can be discarded")
    func discard() async throws {
        try await withStore { store in
            let id = UUID()
            try await store.create(id: id, tenant: tenant, kind: "k", submittedBy: "u", payload: Array("[1,2]".utf8))
            try await store.discard(id: id)
            #expect(try await store.find(id: id, tenant: tenant) == nil)
        }
    }

    @Test("jobs created together are all recorded with their own fields; discarding some leaves the others")
    func batch() async throws {
        try await withStore { store in
            let jobs = (0..<5).map { index in
                NewJob(id: UUID(), tenant: tenant, kind: "kind-\(index)", submittedBy: "user-\(index)", payload: Array(#"{"n":\#(index)}"#.utf8))
            }
            try await store.create(jobs)
            for (index, job) in jobs.enumerated() {
                let record = try #require(try await store.find(id: job.id, tenant: tenant))
                #expect(record.kind == job.kind && record.submittedBy == job.submittedBy && record.status == .queued)
                #expect(try JSONSerialization.jsonObject(with: Data(record.payload)) as? [String: Int] == ["n": index])
            }
            try await store.discard(ids: [jobs[1].id, jobs[3].id])
            let left = try await (0..<5).asyncMap { try await store.find(id: jobs[$0].id, tenant: tenant) != nil }
            #expect(left == [true, false, true, false, true])
        }
    }

    @Test("a batch the database refuses records none of its jobs")
    func batchIsAtomic() async throws {
        try await withStore { store in
            let kept = NewJob(id: UUID(), tenant: tenant, kind: "k", submittedBy: "u", payload: Array("{}".utf8))
            let broken = NewJob(id: UUID(), tenant: tenant, kind: "k", submittedBy: "u", payload: Array("{not json".utf8))
            let refused = await #expect(throws: PostgresError.self) { try await store.create([kept, broken]) }
            #expect(refused?.code == .server)
            let found = try await store.find(id: kept.id, tenant: tenant)
            #expect(found == nil)
        }
    }
}

private extension Range<Int> {
    func asyncMap<T>(_ transform: (Int) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
