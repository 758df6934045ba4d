public import Hummingbird
import LoupeCore
import LoupeDomain
import LoupeStore

/// Sama's batch creation: `batches.json` answers an upload URL (or takes ≤ 1,000 `tasks` inline),
/// the client PUTs the file there, and `continue.json` starts the creation in the background; the
/// batch's status lists every item (its task id, or why it failed).
struct SamaBatches: Sendable {
    let env: APIEnvironment

    var endpoints: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .post("projects/:pid/batches.json", use: create)
            .post("projects/:pid/batches/:bid/continue.json", use: start)
            .post("projects/:pid/batches/:bid/cancel.json", use: cancel)
            .get("projects/:pid/batches/{bid}.json", use: status)
    }

    func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let project = try await SamaInput.project(context, env: env)
        var reader = FieldReader(try await SamaInput.body(request))
        let email = try reader.string("notification_email", maxLength: 254, allowEmpty: false)
        _ = try reader.string("tasks_file_name", maxLength: 200)
        let items = try reader.array("tasks", maxCount: BatchesController.inlineLimit)
        try reader.rejectUnknownFields()
        if let email { try SamaInput.checkNotificationEmail(email) }
        try env.factory.checkAcceptsTasks(project)
        let now = env.now
        var batch = Batch(
            id: env.factory.ids.next(), organizationID: caller.organizationID, projectID: project.id,
            clientBatchID: nil, status: .pending, priority: 0, testMode: caller.isTest, metadata: .emptyObject,
            createdAt: now, updatedAt: now)
        batch.dialect = SamaDialect.id
        batch.callbackURL = email
        if let items {
            return try await createInline(batch, items: items, project: project)
        }
        let token = BatchesController.newToken()
        batch.uploadExpiresAt = now.adding(seconds: env.uploadTTLSeconds)
        _ = try await env.store.createBatch(batch, uploadTokenHash: BatchesController.hash(token))
        return JSONResponse.make(value: [
            "batch_id": .string(batch.id), "tasks_put_url": .string(env.baseURL(request) + "/api/v1/uploads/" + token),
        ])
    }

    private func createInline(_ batch: Batch, items: [JSONValue], project: Project) async throws -> Response {
        var batch = batch
        batch.status = .completed
        batch.total = items.count
        batch.finishedAt = batch.createdAt
        var tasks: [WorkTask] = []
        var failures: [BatchFailure] = []
        for (index, item) in items.enumerated() {
            do throws(DomainError) {
                var task = try env.factory.makeTask(
                    try SamaTaskJSON.spec(item, path: "/tasks/\(index)"), project: project, testMode: batch.testMode,
                    batch: batch, batchIndex: index, path: "/tasks/\(index)", now: batch.createdAt)
                task.dialect = SamaDialect.id
                tasks.append(task)
            } catch {
                failures.append(BatchFailure(index: index, reason: Self.reason(error), item: item.serializedBytes()))
            }
        }
        let stored = try await env.store.createInlineBatch(batch, tasks: tasks, failures: failures, idempotency: nil)
        env.countCreated(stored.batch.created)
        return JSONResponse.make(value: [
            "batch_id": .string(stored.batch.id), "state": .string(Self.state(stored.batch)),
            "task_ids": .array(tasks.map { .string($0.id) }),
        ])
    }

    /// `continue.json`: the uploaded file's tasks are created in the background.
    func start(_ request: Request, context: AppRequestContext) async throws -> Response {
        let existing = try await batch(context)
        if existing.status == .pending && existing.uploadedBytes == nil {
            throw DomainError(.invalidState, "batch \(existing.id) has no uploaded file yet: PUT it to tasks_put_url")
        }
        let batch =
            try await env.store.transitionBatch(
                id: existing.id, organizationID: existing.organizationID, from: [.pending], to: .processing, at: env.now
            )
            ?? existing
        if batch.status == .processing { env.wakeIngester() }
        guard batch.status == .processing || batch.status.isFinished else {
            throw DomainError(.invalidState, "batch \(batch.id) is \(batch.status.rawValue) and cannot be continued")
        }
        return JSONResponse.make(value: ["batch_id": .string(batch.id), "state": .string(Self.state(batch))])
    }

    func cancel(_ request: Request, context: AppRequestContext) async throws -> Response {
        let existing = try await batch(context)
        guard
            let batch = try await env.store.transitionBatch(
                id: existing.id, organizationID: existing.organizationID, from: [.pending, .uploading], to: .canceled,
                at: env.now)
        else {
            throw DomainError(
                .invalidState,
                "batch \(existing.id) is \(Self.state(existing)) and its creation can no longer be canceled")
        }
        try? env.uploads.remove(batchID: batch.id)
        return JSONResponse.make(value: ["batch_id": .string(batch.id), "state": .string(Self.state(batch))])
    }

    /// Every item of the batch in file order, a page at a time: `created` with its task id, or
    /// `failed` with its errors (and data unless `omit_failed_task_data`).
    func status(_ request: Request, context: AppRequestContext) async throws -> Response {
        let batch = try await batch(context)
        let query = QueryReader(request)
        let (offset, limit) = try SamaInput.page(query, defaultSize: 1_000)
        let (tasks, failures) = try await env.store.batchItems(batchID: batch.id, from: offset, count: limit)
        var items: [(Int, JSONValue)] = tasks.map { task in
            (task.batchIndex ?? 0, ["id": .string(task.id), "status": "created"])
        }
        let omitData = query.string("omit_failed_task_data")?.lowercased() == "true"
        for failure in failures {
            var item: JSONObject = [
                "id": .null, "status": "failed", "index": .int(Int64(failure.index)),
                "errors": .array([.string(SamaTaskJSON.samaReason(failure.reason))]),
            ]
            if !omitData, let text = failure.item, let sent = try? JSONParser.parse(text) {
                item["data"] = sent.objectValue?["data"] ?? sent
            }
            items.append((failure.index, .object(item)))
        }
        items.sort { $0.0 < $1.0 }
        return JSONResponse.make(value: [
            "batch_id": .string(batch.id), "state": .string(Self.state(batch)),
            "created_count": .int(Int64(batch.created)), "failed_count": .int(Int64(batch.failed)),
            "total_count": .int(Int64(batch.total)), "messages": .array(batch.error.map { [.string($0)] } ?? []),
            "tasks": .array(items.map(\.1)),
        ])
    }

    private func batch(_ context: AppRequestContext) async throws -> Batch {
        let caller = try context.requireCaller()
        let project = try await SamaInput.project(context, env: env)
        let batch = try await env.visibleBatch(id: context.parameters.get("bid") ?? "", for: caller)
        guard batch.projectID == project.id else { throw DomainError.notFound("batch", batch.id) }
        return batch
    }

    /// Sama's name for a batch's state.
    static func state(_ batch: Batch) -> String {
        switch batch.status {
        case .pending, .uploading: "pending"
        case .processing: "processing"
        case .completed: "completed"
        case .canceled: "canceled"
        case .failed: "failed"
        }
    }

    static func reason(_ error: DomainError) -> String {
        error.details.first.map { "\($0.path) \($0.reason)" } ?? error.message
    }
}
