import ArgumentParser
import CLoupeMalloc
import Foundation
import LoupeCore
import LoupeDomain
import LoupeServer
import LoupeStore
import Logging
import NIOCore
import NIOHTTP1

/// Webhook deliveries per second to a local receiver: N tasks are created (each writes a
/// `task.created` event) and the server's dispatcher posts them; the rate is measured from the
/// first to the last distinct event received. The server must allow private callbacks.
struct Webhooks: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Webhook dispatch rate to a receiver on 127.0.0.1.")
    @OptionGroup var target: Target
    @Option(help: "Events to deliver.") var events = 20_000
    @Option(help: "Stop waiting after this many seconds.") var maxSeconds = 300.0

    func run() async throws {
        let recorder = SinkRecorder()
        let (channel, port) = try await WebhookSinkServer.start(recorder: recorder)
        try await target.withClient { client in
            let (_, created) = try await client.request(
                .POST, "/api/v1/projects",
                json: [
                    "name": .string("webhook-bench-\(UUID().uuidString.prefix(8))"), "type": "categorization",
                    "settings": [
                        "callback": ["url": .string("http://127.0.0.1:\(port)/hook"), "events": ["task.created"]]
                    ],
                ])
            guard let projectID = created.objectValue?["id"]?.stringValue else {
                throw ValidationError("no project: \(created)")
            }
            let start = ContinuousClock.now
            for first in stride(from: 0, to: events, by: 1_000) {
                let items: [JSONValue] = (first..<min(first + 1_000, events)).map { ["data": ["n": .int(Int64($0))]] }
                _ = try await client.request(
                    .POST, "/api/v1/projects/\(projectID)/batches", json: ["tasks": .array(items)])
            }
            let creating = ContinuousClock.now - start
            let deadline = ContinuousClock.now + .seconds(maxSeconds)
            while recorder.distinct < events && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            let total = ContinuousClock.now - start
            let window = recorder.window ?? total
            print("webhooks: \(recorder.distinct)/\(events) events delivered (\(recorder.requests) requests)")
            print(
                String(
                    format:
                        "webhooks: %.0f deliveries/s (first to last delivery, %.2f s); tasks created in %.2f s; all delivered %.2f s after the first create",
                    Double(recorder.distinct) / max(window.seconds, 1e-9), window.seconds, creating.seconds,
                    total.seconds))
        }
        try await channel.close()
    }
}

/// Pages through a project's delivery feed (`limit` per page) and reports tasks/s.
struct Feed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Page through a project's delivery feed.")
    @OptionGroup var target: Target
    @Option(help: "Project id.") var project: String
    @Option(help: "Tasks per page.") var limit = 5_000
    @Option(help: "Stop after this many tasks.") var maxTasks = Int.max

    func run() async throws {
        // The client reads ~700 KB pages too: the same allocator setting as the server.
        loupe_keep_large_buffers_in_heap()
        try await target.withClient { client in
            let (total, seconds) = try await client.pageThrough(
                "/api/v1/projects/\(project)/deliveries?limit=\(limit)", maxTasks: maxTasks)
            print(
                String(
                    format: "feed: %d tasks in %.2f s = %.0f tasks/s (limit %d)", total, seconds,
                    Double(total) / seconds, limit))
        }
    }
}

/// Writes N completed annotation tasks straight into a stopped server's SQLite database (for the
/// feed and export benchmarks) and prints the project id.
struct SeedCompleted: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed-completed", abstract: "Store N completed tasks in a (stopped) server's data folder.")
    @Option(help: "The server's data folder.") var dataDir: String
    @Option(help: "Number of tasks.") var tasks = 1_000_000

    func run() async throws {
        var configuration = AppConfiguration()
        configuration.dataDirectory = dataDir
        let opened = try configuration.openDatabase(logger: Logger(label: "seed"))
        let count = tasks
        let projectID = try await opened.withRunning { store in
            try await store.migrate(now: .now())
            guard let organization = try await store.defaultOrganization() else {
                throw ValidationError("start the server once first")
            }
            let ids = ObjectIDGenerator()
            let now = Timestamp.now()
            let project = Project(
                id: ids.next(), organizationID: organization.id, name: "seeded-\(ids.next())", type: "annotation",
                instruction: "Box the cars", params: JSONObject(), creationSchema: nil, deliverySchema: nil,
                settings: JSONObject(),
                paramHistory: [], metadata: JSONObject(), archived: false, createdAt: now, updatedAt: now)
            try await store.createProject(project)
            let data = RawJSON(
                unchecked: #"{"image":"https://example.com/street.jpg","image_width":1280,"image_height":720}"#)
            for first in stride(from: 0, to: count, by: 50_000) {
                let batch = Batch(
                    id: ids.next(), organizationID: organization.id, projectID: project.id,
                    clientBatchID: "seed-\(first)",
                    status: .completed, priority: 0, testMode: false, createdAt: now, updatedAt: now)
                let chunk = (first..<min(first + 50_000, count)).map { index in
                    WorkTask(
                        id: ids.next(), organizationID: organization.id, projectID: project.id, batchID: batch.id,
                        batchIndex: index, type: "annotation", data: data, createdAt: now, updatedAt: now)
                }
                _ = try await store.createInlineBatch(batch, tasks: chunk, failures: [])
                try await store.database.write { db in
                    try await db.execute(
                        """
                        UPDATE tasks SET status = 'completed', completed_at = ?, delivery_seq = batch_index + 1, response = ?
                        WHERE batch_id = ?
                        """,
                        [
                            .int(now.microseconds),
                            .text(
                                #"{"annotations":[{"left":100,"top":200,"width":300,"height":150,"label":"car"},{"type":"polygon","label":"person","vertices":[{"x":10,"y":10},{"x":60,"y":10},{"x":60,"y":90}]}]}"#
                            ),
                            .text(batch.id),
                        ])
                }
            }
            return project.id
        }
        print("project: \(projectID)")
    }
}
