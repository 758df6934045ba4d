import Crypto
import Foundation
public import Hummingbird
import LoupeCore
import LoupeDomain
import LoupeStore

/// `/api/v1` batches: inline (≤ 1,000 tasks, created at once) or uploaded files of any size
/// (streamed to disk, created in the background after finalize).
public struct BatchesController: Sendable {
    let env: APIEnvironment

    /// A controller over `env`.
    public init(env: APIEnvironment) { self.env = env }

    /// Tasks accepted in one inline batch.
    public static let inlineLimit = 1_000

    /// The authenticated routes, relative to `/api/v1`.
    public var endpoints: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .post("projects/:id/batches", use: create)
            .get("projects/:id/batches", use: list)
            .get("batches/:id", use: get)
            .get("batches/:id/failures", use: failures)
            .post("batches/:id/finalize", use: finalize)
            .post("batches/:id/cancel", use: cancel)
    }

    /// `POST projects/{id}/batches`: an inline batch (its tasks made at once) or an upload batch.
    /// Exactly once: a `client_batch_id` already used in the project answers 200 with that batch
    /// (`"existing": true`) and makes nothing, however many creates race; an `Idempotency-Key`
    /// replays the first answer.
    func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let projectID = try context.parameters.id(kind: "project")
        let body = try await JSONBody.read(request, limit: env.inlineBatchBodyLimit)
        let idempotencyKey = try TasksController.idempotencyKey(request)
        let fingerprint = "POST \(request.uri.path) " + Hex.encode(SHA256.hash(data: Data(body.serializedBytes())))
        if let idempotencyKey,
            let earlier = try await env.store.idempotentResponse(
                organizationID: caller.organizationID, key: idempotencyKey)
        {
            return try TasksController.replay(earlier, fingerprint: fingerprint)
        }
        var reader = try FieldReader(body)
        let items = try reader.array("tasks", maxCount: Self.inlineLimit)
        let upload = try reader.bool("upload") ?? false
        let clientBatchID = try reader.string("client_batch_id", maxLength: 256, allowEmpty: false)
        let priority = try reader.int("priority", in: TaskSpec.priorityRange) ?? 0
        let metadata = try reader.object("metadata")
        try reader.rejectUnknownFields()
        guard (items != nil) != upload else {
            throw DomainError.invalidField("", "must contain either \"tasks\" (inline) or \"upload\": true")
        }
        guard let project = try await env.store.project(id: projectID, organizationID: caller.organizationID) else {
            throw DomainError.notFound("project", projectID)
        }
        try env.factory.checkAcceptsTasks(project)
        let now = env.now
        var batch = Batch(
            id: env.factory.ids.next(), organizationID: caller.organizationID, projectID: project.id,
            clientBatchID: clientBatchID, status: .pending, priority: priority, testMode: caller.mode == .test,
            metadata: metadata.map { RawJSON(.object($0)) } ?? .emptyObject, createdAt: now, updatedAt: now)
        if let items {
            batch.status = .completed
            batch.total = items.count
            batch.finishedAt = now
            var tasks: [WorkTask] = []
            var failures: [BatchFailure] = []
            for (index, item) in items.enumerated() {
                do throws(DomainError) {
                    let spec = try TaskSpec.parse(item, path: "/tasks/\(index)")
                    tasks.append(
                        try env.factory.makeTask(
                            spec, project: project, testMode: batch.testMode, batch: batch, batchIndex: index,
                            path: "/tasks/\(index)", now: now))
                } catch {
                    let reason = error.details.first.map { "\($0.path) \($0.reason)" } ?? error.message
                    failures.append(BatchFailure(index: index, reason: reason, item: item.serializedBytes()))
                }
            }
            let itemFailures = failures
            let stored = try await env.store.createInlineBatch(
                batch, tasks: tasks, failures: itemFailures,
                idempotency: idempotencyKey.map { key in
                    IdempotencyRecord(key: key, fingerprint: fingerprint) { made in
                        (201, BatchDTO.value(made, failures: itemFailures).serialized())
                    }
                })
            if let replay = stored.replay { return try TasksController.replay(replay, fingerprint: fingerprint) }
            guard stored.created else { return try await existing(stored.batch) }
            env.countCreated(stored.batch.created)
            let failed = try await env.store.batchFailures(batchID: stored.batch.id, afterIndex: -1, limit: 1_000)
            return JSONResponse.make(.created, value: BatchDTO.value(stored.batch, failures: failed))
        }
        let token = Self.newToken()
        batch.uploadExpiresAt = now.adding(seconds: env.uploadTTLSeconds)
        let uploadURL = env.baseURL(request) + "/api/v1/uploads/" + token
        let stored = try await env.store.createBatch(
            batch, uploadTokenHash: Self.hash(token),
            idempotency: idempotencyKey.map { key in
                IdempotencyRecord(key: key, fingerprint: fingerprint) { made in
                    (201, BatchDTO.value(made, failures: [], uploadURL: uploadURL).serialized())
                }
            })
        if let replay = stored.replay { return try TasksController.replay(replay, fingerprint: fingerprint) }
        guard stored.created else { return try await existing(stored.batch) }
        return JSONResponse.make(.created, value: BatchDTO.value(batch, failures: [], uploadURL: uploadURL))
    }

    /// The batch an earlier create made with the same `client_batch_id` (its upload URL is not
    /// shown again: only its creator holds it).
    private func existing(_ batch: Batch) async throws -> Response {
        let failures = try await env.store.batchFailures(batchID: batch.id, afterIndex: -1, limit: 1_000)
        var value = BatchDTO.value(batch, failures: failures).objectValue ?? JSONObject()
        value["existing"] = true
        return JSONResponse.make(.ok, value: .object(value))
    }

    func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let projectID = try context.parameters.id(kind: "project")
        guard try await env.store.project(id: projectID, organizationID: caller.organizationID) != nil else {
            throw DomainError.notFound("project", projectID)
        }
        let window = try PageWindow(QueryReader(request), scope: "batches|\(projectID)", cursor: env.cursor)
        let batches = try await env.store.batches(
            projectID: projectID, organizationID: caller.organizationID, testMode: caller.isTest,
            afterID: window.afterID, limit: window.fetchLimit)
        let (page, next) = window.page(batches, id: \.id)
        return JSONResponse.make(value: [
            "batches": .array(page.map { BatchDTO.value($0, failures: []) }),
            "next_token": next.map(JSONValue.string) ?? .null,
        ])
    }

    func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        let batch = try await requireBatch(context)
        let failures = try await env.store.batchFailures(batchID: batch.id, afterIndex: -1, limit: 100)
        return JSONResponse.make(value: BatchDTO.value(batch, failures: failures))
    }

    func failures(_ request: Request, context: AppRequestContext) async throws -> Response {
        let batch = try await requireBatch(context)
        let query = QueryReader(request)
        let limit = try query.limit(default: 1_000, max: 10_000)
        var after = -1
        if let text = query.string("after") {
            guard let value = Int(text), value >= -1 else {
                throw DomainError.invalidField("after", "must be an item index (integer ≥ -1)")
            }
            after = value
        }
        let failures = try await env.store.batchFailures(batchID: batch.id, afterIndex: after, limit: limit)
        return JSONResponse.make(value: [
            "failures": .array(failures.map { ["index": .int(Int64($0.index)), "reason": .string($0.reason)] }),
            "next_after": failures.count == limit ? failures.last.map { .int(Int64($0.index)) } ?? .null : .null,
        ])
    }

    func finalize(_ request: Request, context: AppRequestContext) async throws -> Response {
        let existing = try await requireBatch(context)
        if existing.status == .pending && existing.uploadedBytes == nil {
            throw DomainError(
                .invalidState, "batch \(existing.id) has no uploaded file yet: PUT it to the upload_url first")
        }
        guard
            let batch = try await env.store.transitionBatch(
                id: existing.id, organizationID: existing.organizationID, from: [.pending], to: .processing, at: env.now
            )
        else {
            if existing.status == .processing || existing.status.isFinished {
                return JSONResponse.make(value: BatchDTO.value(existing, failures: []))
            }
            throw DomainError(
                .invalidState, "batch \(existing.id) is \(existing.status.rawValue) and cannot be finalized")
        }
        env.wakeIngester()
        return JSONResponse.make(.accepted, value: BatchDTO.value(batch, failures: []))
    }

    func cancel(_ request: Request, context: AppRequestContext) async throws -> Response {
        let existing = try await requireBatch(context)
        guard
            let batch = try await env.store.transitionBatch(
                id: existing.id, organizationID: existing.organizationID, from: [.pending, .uploading, .processing],
                to: .canceled, at: env.now)
        else {
            throw DomainError(
                .invalidState, "batch \(existing.id) is \(existing.status.rawValue) and cannot be canceled")
        }
        try? env.uploads.remove(batchID: batch.id)
        return JSONResponse.make(value: BatchDTO.value(batch, failures: []))
    }

    private func requireBatch(_ context: AppRequestContext) async throws -> Batch {
        let caller = try context.requireCaller()
        return try await env.visibleBatch(id: context.parameters.id(kind: "batch"), for: caller)
    }

    static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return PageCursor.base64URL(Data(bytes))
    }

    static func hash(_ token: String) -> String { Hex.encode(SHA256.hash(data: Data(token.utf8))) }
}
