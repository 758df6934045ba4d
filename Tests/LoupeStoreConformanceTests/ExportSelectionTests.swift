import LoupeCore
import LoupeDomain
import LoupeStore
import LoupeTestSupport
import Testing

@Suite("Exports of every status")
struct ExportSelectionTests {
    /// Without a status the export is the completed tasks in delivery order, as before; `all`
    /// is every task of the project in id order and a list selects those statuses, paged by id
    /// (pages of 2 here), the count for the progress bar agreeing; every format writes tasks that
    /// have no answer yet.
    @Test func allOrListedStatusesArePagedByID() async throws {
        try await TestDatabase.withStore { (store: Store) async throws in
            let org = try await Fixtures.organization(store)
            let project = try await Fixtures.project(store, org: org)
            let now = Timestamp.now()
            let batch = Batch(
                id: Fixtures.ids.next(), organizationID: org, projectID: project.id, clientBatchID: nil,
                status: .completed, priority: 0, testMode: false, createdAt: now, updatedAt: now)
            let tasks = try (0..<7).map { index in
                var task = try Fixtures.task(project)
                task.batchID = batch.id
                task.batchIndex = index
                return task
            }
            _ = try await store.createInlineBatch(batch, tasks: tasks, failures: [])
            try await store.database.write { db in
                // 0–2 completed with a place in the feed, 3–4 left pending, 5–6 canceled.
                try await db.execute(
                    """
                    UPDATE tasks SET status = 'completed', response = '{"category":"a"}', completed_at = ?,
                        delivery_seq = 3 - batch_index
                    WHERE batch_id = ? AND batch_index < 3
                    """, [.int(now.microseconds), .text(batch.id)])
                try await db.execute(
                    "UPDATE tasks SET status = 'canceled' WHERE batch_id = ? AND batch_index >= 5", [.text(batch.id)])
            }
            var exporter = TaskExporter(store: store)
            exporter.pageSize = 2
            func ids(_ statuses: Set<TaskStatus>?) async throws -> [String] {
                var query = DeliveryQuery(projectID: project.id, testMode: false)
                query.statuses = statuses
                var output: [UInt8] = []
                let count = try await exporter.export(.jsonl, query: query, exportedAt: now) {
                    output.append(contentsOf: $0)
                }
                #expect(try await store.deliveryCount(query) == count)
                return try output.split(separator: 10).map {
                    try #require(try JSONParser.parse(Array($0)).objectValue?["id"]?.stringValue)
                }
            }
            let byID = tasks.map(\.id).sorted()
            #expect(try await ids(nil) == [tasks[2].id, tasks[1].id, tasks[0].id], "delivery order, as before")
            #expect(try await ids(try TaskStatus.exportSelection("all", field: "status")) == byID)
            #expect(
                try await ids(try TaskStatus.exportSelection("pending, canceled", field: "status"))
                    == [tasks[3], tasks[4], tasks[5], tasks[6]].map(\.id).sorted())
            for format in ExportFormat.allCases {
                var query = DeliveryQuery(projectID: project.id, testMode: false)
                query.statuses = Set(TaskStatus.allCases)
                var output: [UInt8] = []
                let count = try await exporter.export(format, query: query, exportedAt: now) {
                    output.append(contentsOf: $0)
                }
                #expect(count == 7, "\(format)")
                #expect(!output.isEmpty)
            }
            #expect(
                throws: DomainError.invalidField(
                    "status",
                    "must be all or one or more of \(TaskStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            ) {
                try TaskStatus.exportSelection("pending,done", field: "status")
            }
        }
    }
}
