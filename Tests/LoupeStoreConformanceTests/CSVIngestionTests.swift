import Foundation
import LoupeCore
import LoupeDomain
import LoupeStore
import LoupeTestSupport
import Testing

@Suite("CSV batch ingestion")
struct CSVIngestionTests {
    static let schema: JSONValue = [
        "type": "object", "required": ["url"],
        "properties": ["url": ["type": "string"], "count": ["type": "integer"], "note": ["type": "string"]],
    ]

    /// A header and `count` rows; row `broken` has a count that is not an integer, and every
    /// hundredth row a quoted note spanning two lines.
    static func rows(_ count: Int, brokenAt broken: Int) -> [String] {
        ["url,count,note,unique_id"]
            + (0..<count).map { index in
                let note = index % 100 == 0 ? "\"line one, with a comma\nline \"\"two\"\"\"" : "n\(index)"
                return
                    "https://example.com/\(index).jpg,\(index == broken ? "many" : String(index)),\(note),row-\(index)"
            }
    }

    @Test func aCrashMidCSVFileResumesWithTypedCellsAndOneFailure() async throws {
        try await TestDatabase.withStore { (store: Store) async throws in
            let (batch, _, uploads) = try await BatchIngestionTests.uploadedBatch(
                store, lines: Self.rows(5_000, brokenAt: 3_210), separator: "\r\n", schema: Self.schema)
            struct Crash: Error {}
            let start = Timestamp.now()
            func factory(at seconds: Double) -> TaskFactory {
                TaskFactory(
                    ids: Fixtures.ids, clock: LoupeClock { start.adding(seconds: seconds) }, schemas: SchemaCache())
            }
            var first = BatchIngester(
                store: store, factory: factory(at: 0), uploads: uploads, nodeID: "node-a", chunkSize: 700)
            first.afterChunk = { next in if next >= 2_100 { throw Crash() } }
            await #expect(throws: Crash.self) { _ = try await first.processNext() }
            let midway = try #require(try await store.batch(id: batch.id, organizationID: batch.organizationID))
            #expect(midway.resume.mode == "csv")
            #expect(midway.created == 2_100)
            let second = BatchIngester(
                store: store, factory: factory(at: 31), uploads: uploads, nodeID: "node-b", chunkSize: 700)
            #expect(try await second.processNext())

            let done = try #require(try await store.batch(id: batch.id, organizationID: batch.organizationID))
            #expect(done.status == .completed)
            #expect(done.total == 5_000)
            #expect(done.created == 4_999)
            let failures = try await store.batchFailures(batchID: batch.id, afterIndex: -1, limit: 10)
            #expect(failures.map(\.index) == [3_210])
            #expect(failures.first?.reason == "/data/count the cell text 'many' is not integer")

            let tasks = try await store.tasks(
                matching: TaskFilter(organizationID: batch.organizationID), afterID: nil, limit: 5_000,
                countTotal: false
            ).tasks
            #expect(Set(tasks.compactMap(\.uniqueID)).count == 4_999)
            let quoted = try #require(tasks.first { $0.uniqueID == "row-2500" })
            #expect(
                try JSONParser.parse(quoted.data.text)
                    == [
                        "url": "https://example.com/2500.jpg", "count": 2_500,
                        "note": "line one, with a comma\nline \"two\"",
                    ])
        }
    }
}
