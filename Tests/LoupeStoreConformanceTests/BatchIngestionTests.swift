import Foundation
import LoupeCore
import LoupeDomain
import LoupeStore
import LoupeTestSupport
import Synchronization
import Testing

@Suite("Batch ingestion")
struct BatchIngestionTests {
    static func uploadedBatch(
        _ store: Store, lines: [String], separator: String = "\n",
        schema: JSONValue = ["type": "object", "required": ["url"], "properties": ["url": ["type": "string"]]]
    ) async throws -> (Batch, Project, UploadFiles) {
        let org = try await Fixtures.organization(store)
        let project = try await Fixtures.project(store, org: org, schema: schema)
        let now = Timestamp.now()
        let batch = Batch(
            id: Fixtures.ids.next(), organizationID: org, projectID: project.id, clientBatchID: nil, status: .pending,
            priority: 0, testMode: false, createdAt: now, updatedAt: now)
        try await store.createBatch(batch, uploadTokenHash: Fixtures.ids.next())
        let uploads = try UploadFiles(directory: NSTemporaryDirectory() + "loupe-uploads-" + UUID().uuidString)
        try lines.joined(separator: separator).write(
            toFile: uploads.path(for: batch.id), atomically: true, encoding: .utf8)
        let processing = try await store.transitionBatch(
            id: batch.id, organizationID: org, from: [.pending], to: .processing, at: now)
        return (try #require(processing), project, uploads)
    }

    static func lines(_ count: Int, brokenAt broken: Int? = nil) -> [String] {
        (0..<count).map { index in
            index == broken
                ? "{\"data\": {\"url\": "
                : "{\"data\": {\"url\": \"https://example.com/\(index).jpg\"}, \"unique_id\": \"item-\(index)\"}"
        }
    }

    @Test func oneBrokenLineAmongTenThousandFailsAlone() async throws {
        try await TestDatabase.withStore { (store: Store) async throws in
            let (batch, _, uploads) = try await Self.uploadedBatch(store, lines: Self.lines(10_000, brokenAt: 4_321))
            let ingester = BatchIngester(store: store, factory: Fixtures.factory, uploads: uploads, nodeID: "node-a")
            #expect(try await ingester.processNext())
            let done = try #require(try await store.batch(id: batch.id, organizationID: batch.organizationID))
            #expect(done.status == .completed)
            #expect(done.total == 10_000)
            #expect(done.created == 9_999)
            #expect(done.failed == 1)
            let failures = try await store.batchFailures(batchID: batch.id, afterIndex: -1, limit: 10)
            #expect(failures.map(\.index) == [4_321])
            var filter = TaskFilter(organizationID: batch.organizationID)
            filter.batchID = batch.id
            #expect(try await store.tasks(matching: filter, afterID: nil, limit: 1, countTotal: true).total == 9_999)
        }
    }

    @Test(.enabled(if: TestDatabase.isPostgres))
    func aBulkLoadRefreshesThePlannersStatistics() async throws {
        try await TestDatabase.withStore { (store: Store) async throws in
            let analysed = "SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables WHERE relname = 'tasks'"
            #expect(try await store.database.read { try await $0.query(analysed, []).first?.bool(0) } == false)
            let (batch, _, uploads) = try await Self.uploadedBatch(store, lines: Self.lines(1_000))
            let ingester = BatchIngester(store: store, factory: Fixtures.factory, uploads: uploads, nodeID: "node-a")
            #expect(try await ingester.processNext())
            #expect(try await store.batch(id: batch.id, organizationID: batch.organizationID)?.created == 1_000)
            #expect(try await store.database.read { try await $0.query(analysed, []).first?.bool(0) } == true)
        }
    }

    @Test func aCrashMidBatchResumesWithoutDuplicatesOrLosses() async throws {
        try await TestDatabase.withStore { (store: Store) async throws in
            let (batch, _, uploads) = try await Self.uploadedBatch(store, lines: Self.lines(5_000))
            struct Crash: Error {}
            // Each node reads its own fixed clock, so lease expiry does not depend on how busy the machine is.
            let start = Timestamp.now()
            func factory(at seconds: Double) -> TaskFactory {
                TaskFactory(
                    ids: Fixtures.ids, clock: LoupeClock { start.adding(seconds: seconds) }, schemas: SchemaCache())
            }
            var first = BatchIngester(
                store: store, factory: factory(at: 0), uploads: uploads, nodeID: "node-a", leaseSeconds: 30,
                chunkSize: 700)
            first.afterChunk = { next in if next >= 2_100 { throw Crash() } }
            await #expect(throws: Crash.self) { _ = try await first.processNext() }
            let midway = try #require(try await store.batch(id: batch.id, organizationID: batch.organizationID))
            #expect(midway.status == .processing)
            #expect(midway.created == 2_100)
            let whileLeased = BatchIngester(
                store: store, factory: factory(at: 10), uploads: uploads, nodeID: "node-b", chunkSize: 700)
            #expect(try await whileLeased.processNext() == false)
            let afterExpiry = BatchIngester(
                store: store, factory: factory(at: 31), uploads: uploads, nodeID: "node-b", chunkSize: 700)
            #expect(try await afterExpiry.processNext())
            let done = try #require(try await store.batch(id: batch.id, organizationID: batch.organizationID))
            #expect(done.status == .completed)
            #expect(done.created == 5_000)
            #expect(done.failed == 0)
            var filter = TaskFilter(organizationID: batch.organizationID)
            filter.batchID = batch.id
            #expect(try await store.tasks(matching: filter, afterID: nil, limit: 1, countTotal: true).total == 5_000)
        }
    }

    @Test func onlyOneNodeHoldsABatchLease() async throws {
        try await TestDatabase.withStore { (store: Store) async throws in
            let (batch, _, _) = try await Self.uploadedBatch(store, lines: Self.lines(3))
            let now = Timestamp.now()
            let claims = try await withThrowingTaskGroup(of: Batch?.self) { group in
                for node in 0..<8 {
                    group.addTask {
                        try await store.claimProcessingBatch(
                            owner: "node-\(node)", now: now, leaseUntil: now.adding(seconds: 30))
                    }
                }
                var claimed: [Batch] = []
                for try await batch in group { if let batch { claimed.append(batch) } }
                return claimed
            }
            #expect(claims.map(\.id) == [batch.id])
        }
    }

    @Test func aCanceledBatchStopsTakingChunks() async throws {
        try await TestDatabase.withStore { (store: Store) async throws in
            let (batch, _, uploads) = try await Self.uploadedBatch(store, lines: Self.lines(3_000))
            var ingester = BatchIngester(
                store: store, factory: Fixtures.factory, uploads: uploads, nodeID: "node-a", chunkSize: 1_000)
            ingester.afterChunk = { next in
                if next == 1_000 {
                    _ = try await store.transitionBatch(
                        id: batch.id, organizationID: nil, from: [.processing], to: .canceled, at: .now())
                }
            }
            #expect(try await ingester.processNext())
            let done = try #require(try await store.batch(id: batch.id, organizationID: batch.organizationID))
            #expect(done.status == .canceled)
            #expect(done.created == 1_000)
        }
    }

    @Test func inlineBatchRecordsFailuresAndDuplicateUniqueIDs() async throws {
        try await TestDatabase.withStore { (store: Store) async throws in
            let org = try await Fixtures.organization(store)
            let project = try await Fixtures.project(store, org: org)
            let now = Timestamp.now()
            let batch = Batch(
                id: Fixtures.ids.next(), organizationID: org, projectID: project.id, clientBatchID: "c1",
                status: .completed, priority: 3, testMode: false, total: 3, createdAt: now, updatedAt: now)
            let tasks = try [0, 1].map { index in
                var task = try Fixtures.task(project, uniqueID: "same")
                task.batchID = batch.id
                task.batchIndex = index
                return task
            }
            let stored = try await store.createInlineBatch(
                batch, tasks: tasks, failures: [BatchFailure(index: 2, reason: "/data is required")]
            ).batch
            #expect(stored.created == 1)
            #expect(stored.failed == 2)
            let failures = try await store.batchFailures(batchID: batch.id, afterIndex: -1, limit: 10)
            #expect(failures.map(\.index) == [1, 2])
            #expect(failures[0].reason.contains(tasks[0].id))
        }
    }
}
