import LoupeCore
import LoupeDomain
import LoupeStore
import LoupeTestSupport
import Testing

@Suite("Exports at scale")
struct ExportScaleTests {
    static let taskCount = 100_000

    /// Stores `count` completed annotation tasks with a box and a polygon each.
    static func completedProject(_ store: Store, count: Int) async throws -> Project {
        let org = try await Fixtures.organization(store)
        let project = try await Fixtures.project(store, org: org)
        let now = Timestamp.now()
        let batch = Batch(
            id: Fixtures.ids.next(), organizationID: org, projectID: project.id, clientBatchID: nil, status: .completed,
            priority: 0, testMode: false, createdAt: now, updatedAt: now)
        let tasks = try (0..<count).map { index in
            var task = try Fixtures.task(project)
            task.batchID = batch.id
            task.batchIndex = index
            return task
        }
        _ = try await store.createInlineBatch(batch, tasks: tasks, failures: [])
        let response =
            #"{"annotations":[{"left":10,"top":20,"width":30,"height":40,"label":"car"},"#
            + #"{"type":"polygon","label":"person","vertices":[{"x":1,"y":1},{"x":50,"y":1},{"x":50,"y":60}]}]}"#
        try await store.database.write { db in
            try await db.execute(
                """
                UPDATE tasks SET status = 'completed', response = ?, data = ?, completed_at = ?, delivery_seq = batch_index + 1
                WHERE batch_id = ?
                """,
                [
                    .text(response),
                    .text(#"{"image":"https://example.com/a.jpg","image_width":640,"image_height":480}"#),
                    .int(now.microseconds), .text(batch.id),
                ])
        }
        return project
    }

    static func export(_ store: Store, _ project: Project, _ format: ExportFormat) async throws -> [UInt8] {
        var output: [UInt8] = []
        let count = try await TaskExporter(store: store).export(
            format, query: DeliveryQuery(projectID: project.id, testMode: false), exportedAt: .now(),
            emit: { output.append(contentsOf: $0) })
        #expect(count == taskCount)
        return output
    }

    /// Names of the entries of a ustar stream.
    static func tarNames(_ bytes: [UInt8]) -> [String] {
        var names: [String] = []
        var offset = 0
        while offset + 512 <= bytes.count, bytes[offset] != 0 {
            let name = String(decoding: bytes[offset..<offset + 100].prefix { $0 != 0 }, as: UTF8.self)
            let sizeText = String(
                decoding: bytes[offset + 124..<offset + 136].prefix { $0 != 0 && $0 != 32 }, as: UTF8.self)
            let size = Int(sizeText, radix: 8) ?? 0
            names.append(name)
            offset += 512 + (size + 511) / 512 * 512
        }
        return names
    }

    @Test func everyFormatExportsAHundredThousandTasks() async throws {
        try await TestDatabase.withStore { (store: Store) async throws in
            let project = try await Self.completedProject(store, count: Self.taskCount)
            let lines = try await Self.export(store, project, .jsonl).split(separator: 10)
            #expect(lines.count == Self.taskCount)
            let last = try JSONParser.parse(Array(try #require(lines.last)))
            #expect(last.objectValue?["delivery_sequence"] == .int(Int64(Self.taskCount)))
            let csv = try await Self.export(store, project, .csv).split(separator: 10)
            #expect(csv.count == Self.taskCount + 1)
            #expect(csv.dropFirst().allSatisfy { $0.contains(UInt8(ascii: "{")) })
            let coco = try JSONParser.parse(try await Self.export(store, project, .coco))
            #expect(coco.objectValue?["images"]?.arrayValue?.count == Self.taskCount)
            let annotations = try #require(coco.objectValue?["annotations"]?.arrayValue)
            #expect(annotations.count == 2 * Self.taskCount)
            #expect(annotations.last?.objectValue?["image_id"] == .int(Int64(Self.taskCount)))
            let categories = coco.objectValue?["categories"]?.arrayValue?.compactMap {
                $0.objectValue?["name"]?.stringValue
            }
            #expect(categories == ["car", "person"])
            let yolo = Self.tarNames(try await Self.export(store, project, .yolo))
            #expect(yolo.filter { $0.hasPrefix("labels/") }.count == Self.taskCount)
            #expect(yolo.last == "classes.txt")
            let voc = Self.tarNames(try await Self.export(store, project, .voc))
            #expect(voc.filter { $0.hasPrefix("Annotations/") }.count == Self.taskCount)
        }
    }
}
