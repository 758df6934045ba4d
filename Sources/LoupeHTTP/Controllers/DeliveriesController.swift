public import Hummingbird
import LoupeDomain
import LoupeStore
import NIOCore

/// Pull delivery: a project's completed tasks in delivery order, read by time and page token or
/// by a named consumer whose cursor the server keeps, and acknowledgement.
public struct DeliveriesController: Sendable {
    let env: APIEnvironment

    /// A controller over `env`.
    public init(env: APIEnvironment) { self.env = env }

    /// The routes, relative to `/api/v1`.
    public var endpoints: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .get("projects/:id/deliveries", use: deliveries)
            .post("projects/:id/deliveries/ack", use: acknowledge)
    }

    /// `GET projects/{id}/deliveries?since=&batch=&client_batch_id=&match=exact|contains&limit=&next_token=`
    /// or `?consumer=NAME`: `{"tasks": [...], "next_token"}` (with a consumer: `"position"` and `"has_more"`).
    func deliveries(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let projectID = try await env.ownedProjectID(context, caller)
        let query = QueryReader(request)
        var feed = DeliveryQuery(projectID: projectID, testMode: caller.mode == .test)
        feed.completedAfter = try query.timestamp("since")
        feed.batchID = try query.id("batch")
        feed.clientBatchID = query.string("client_batch_id")
        switch query.string("match") {
        case nil, "exact": break
        case "contains": feed.clientBatchContains = true
        default: throw DomainError.invalidField("match", "must be exact or contains")
        }
        if let consumer = query.string("consumer") {
            guard consumer.utf8.count <= 200 else {
                throw DomainError.invalidField("consumer", "must be at most 200 bytes")
            }
            guard query.string("next_token") == nil else {
                throw DomainError.invalidField(
                    "next_token", "cannot be used with consumer: the server keeps the consumer's place")
            }
            feed.limit = try query.limit(default: 100, max: 5_000)
            let page = try await env.store.consumeDeliveries(feed, consumer: consumer, now: env.now)
            return JSONResponse.make { writer in
                writer.beginObject()
                Self.writeTasks(page.tasks, into: &writer)
                writer.key("position")
                writer.int(page.position)
                writer.key("has_more")
                writer.bool(page.tasks.count == feed.limit)
                writer.endObject()
            }
        }
        let scope =
            "deliveries|\(projectID)|\(feed.testMode)|\(feed.completedAfter?.microseconds ?? 0)|\(feed.batchID ?? "")|\(feed.clientBatchID ?? "")|\(feed.clientBatchContains)"
        let limit = try query.limit(default: 100, max: 5_000)
        if let token = query.string("next_token") {
            guard let after = Int64(try env.cursor.lastID(from: token, scope: scope), radix: 16) else {
                throw DomainError.invalidField("next_token", "is not a token this feed gave out")
            }
            feed.afterSequence = after
        }
        feed.limit = limit + 1
        let fetched = try await env.store.deliveries(feed)
        let page = fetched.prefix(limit)
        let next =
            fetched.count > limit
            ? page.last?.deliverySequence.map { env.cursor.token(lastID: Self.cursorID($0), scope: scope) } : nil
        let tasks = Array(page)
        // Streamed in small chunks: no page-sized buffer to grow and copy, and the client reads
        // the first tasks while the rest are written.
        let body = ResponseBody { output in
            var writer = JSONWriter(capacity: Self.chunkSize + 4_096)
            writer.beginObject()
            writer.key("tasks")
            writer.beginArray()
            for task in tasks {
                TaskDTO.write(task, into: &writer)
                if writer.bytes.count >= Self.chunkSize {
                    try await output.write(ByteBuffer(bytes: writer.bytes))
                    writer.bytes.removeAll(keepingCapacity: true)
                }
            }
            writer.endArray()
            writer.key("next_token")
            if let next { writer.string(next) } else { writer.null() }
            writer.endObject()
            try await output.write(ByteBuffer(bytes: writer.bytes))
            try await output.finish(nil)
        }
        return Response(
            status: .ok,
            headers: [
                .contentType: "application/json; charset=utf-8", .xContentTypeOptions: "nosniff",
                .cacheControl: "no-store",
            ],
            body: body)
    }

    /// Bytes written to the connection at a time by streamed pages.
    static let chunkSize = 64 * 1_024

    /// `POST projects/{id}/deliveries/ack {"position", "consumer"?}`: tasks up to that place become acknowledged.
    func acknowledge(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let projectID = try await env.ownedProjectID(context, caller)
        var reader = try FieldReader(try await JSONBody.read(request))
        guard let position = try reader.int("position", in: 0...Int.max) else {
            throw DomainError.invalidField("/position", "is required: the position a deliveries page returned")
        }
        let consumer = try reader.string("consumer", maxLength: 200, allowEmpty: false)
        try reader.rejectUnknownFields()
        let count = try await env.store.acknowledgeDeliveries(
            projectID: projectID, testMode: caller.mode == .test, position: Int64(position), consumer: consumer,
            now: env.now)
        return JSONResponse.make(value: ["acknowledged": .int(Int64(count)), "position": .int(Int64(position))])
    }

    /// A delivery position in the page cursor's id form (24 hex digits).
    static func cursorID(_ sequence: Int64) -> String {
        let hex = String(sequence, radix: 16)
        return String(repeating: "0", count: max(0, 24 - hex.count)) + hex
    }

    private static func writeTasks(_ tasks: some Collection<WorkTask>, into writer: inout JSONWriter) {
        writer.key("tasks")
        writer.beginArray()
        for task in tasks { TaskDTO.write(task, into: &writer) }
        writer.endArray()
    }
}
