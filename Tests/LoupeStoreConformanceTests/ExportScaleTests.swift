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

    /// Names of the entries of a zip, from its central directory (ZIP64 end records at this size).
    static func zipNames(_ bytes: [UInt8]) -> [String] {
        func le(_ offset: Int, _ width: Int) -> Int {
            (0..<width).reduce(0) { $0 | Int(bytes[offset + $1]) << (8 * $1) }
        }
        let end = bytes.count - 22
        guard le(end, 4) == 0x0605_4B50 else { return [] }
        var count = le(end + 10, 2)
        var cursor = le(end + 16, 4)
        if count == 0xFFFF, le(end - 20, 4) == 0x0706_4B50 {
            let record = le(end - 12, 8)
            count = le(record + 32, 8)
            cursor = le(record + 48, 8)
        }
        var names: [String] = []
        for _ in 0..<count where le(cursor, 4) == 0x0201_4B50 {
            let (nameLength, extraLength) = (le(cursor + 28, 2), le(cursor + 30, 2))
            names.append(String(decoding: bytes[(cursor + 46)..<(cursor + 46 + nameLength)], as: UTF8.self))
            cursor += 46 + nameLength + extraLength
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
            let yolo = Self.zipNames(try await Self.export(store, project, .yolo))
            #expect(yolo.filter { $0.hasPrefix("labels/") }.count == Self.taskCount)
            #expect(yolo.suffix(2) == ["classes.txt", "data.yaml"])
            let voc = Self.zipNames(try await Self.export(store, project, .voc))
            #expect(voc.filter { $0.hasPrefix("Annotations/") }.count == Self.taskCount)
        }
    }
}
