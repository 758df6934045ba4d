public import Hummingbird
import LoupeCore
import LoupeDomain
import LoupeStore

/// Sama's task routes: one task, a filtered list a page at a time, priorities in Sama's sign,
/// deleting tasks that are still `new`, and rejecting a delivered task back to work.
struct SamaTasks: Sendable {
    let env: APIEnvironment

    var endpoints: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .get("projects/:pid/tasks.json", use: list)
            .post("projects/:pid/tasks.json", use: create)
            .post("projects/:pid/tasks/bulk_update.json", use: updatePriorities)
            .post("projects/:pid/tasks/delete_tasks.json", use: delete)
            .get("projects/:pid/tasks/{tid}.json", use: get)
            .put("projects/:pid/tasks/:tid/reject.json", use: reject)
    }

    /// One task: `{"data", "priority"?, "submit"?, "notification_email"?}` as in a batch file (the
    /// address gets the task's events by e-mail); answers `{"task": {…}}`.
    func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let project = try await SamaInput.project(context, env: env)
        try env.factory.checkAcceptsTasks(project)
        var body = try await SamaInput.body(request)
        var email: String?
        if let value = body["notification_email"] {
            var reader = FieldReader(JSONObject([("notification_email", value)]))
            email = try reader.string("notification_email", maxLength: 254, allowEmpty: false)
            if let email { try SamaInput.checkNotificationEmail(email) }
            body["notification_email"] = nil
        }
        let spec = try SamaTaskJSON.spec(.object(body), path: "")
        var task = try env.factory.makeTask(spec, project: project, testMode: caller.isTest)
        task.dialect = SamaDialect.id
        task.callbackURL = email
        _ = try await env.store.createTask(task)
        env.countCreated(1)
        return JSONResponse.make(.created, value: ["task": SamaTaskJSON.value(task, omitAnswers: true)])
    }

    func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        let task = try await self.task(context, id: context.parameters.get("tid") ?? "")
        return JSONResponse.make(value: ["task": SamaTaskJSON.value(task, omitAnswers: false)])
    }

    /// `tasks.json`: filters `batch_id`, `client_batch_id` (+ `client_batch_id_match_type`
    /// `exact`/`contains`), `state`, `from`/`to` on `date_type` (`created_at`, `updated_at`,
    /// `completed_at`), `omit_answers`; `page`/`page_size` (≤ 100).
    func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let project = try await SamaInput.project(context, env: env)
        let query = QueryReader(request)
        var filter = TaskFilter(for: caller)
        filter.projectID = project.id
        filter.batchID = query.string("batch_id")
        if let state = query.string("state") {
            guard let statuses = SamaTaskJSON.statuses(ofState: state) else {
                throw DomainError.invalidField(
                    "state", "must be one of: new, in progress, completed, delivered, acknowledged, rejected, canceled")
            }
            filter.statuses = statuses
        }
        let (from, to) = (try SamaInput.time(query, "from"), try SamaInput.time(query, "to"))
        switch query.string("date_type") ?? "created_at" {
        case "created_at", "created": (filter.createdAfter, filter.createdBefore) = (from, to)
        case "updated_at", "updated": (filter.updatedAfter, filter.updatedBefore) = (from, to)
        case "completed_at", "completed", "delivered_at": (filter.completedAfter, filter.completedBefore) = (from, to)
        default: throw DomainError.invalidField("date_type", "must be created_at, updated_at or completed_at")
        }
        let clientBatch = try Self.clientBatchMatch(query)
        let (offset, limit) = try SamaInput.page(query, defaultSize: 100, max: 1_000)
        let omitAnswers = query.string("omit_answers").map { $0.lowercased() == "true" } ?? false
        var tasks: [WorkTask]
        if let clientBatch {
            // Sama's client batch id lives in each task's data; filter while reading, page after.
            tasks = try await Self.all(env: env, filter: filter, upTo: offset + limit, where: clientBatch)
            tasks = Array(tasks.dropFirst(offset).prefix(limit))
        } else {
            tasks = try await env.store.tasks(
                matching: filter, afterID: nil, offset: offset, limit: limit, countTotal: false
            )
            .tasks
        }
        return JSONResponse.make(value: [
            "tasks": .array(tasks.map { SamaTaskJSON.value($0, omitAnswers: omitAnswers) })
        ])
    }

    /// A test on `data.client_batch_id` from `client_batch_id` and its match type.
    static func clientBatchMatch(_ query: QueryReader) throws(DomainError) -> (@Sendable (WorkTask) -> Bool)? {
        guard let wanted = query.string("client_batch_id") else { return nil }
        switch query.string("client_batch_id_match_type") ?? "exact" {
        case "exact", "equal", "equals": return { SamaTaskJSON.clientBatchID($0) == wanted }
        case "contains", "contain", "partial": return { SamaTaskJSON.clientBatchID($0)?.contains(wanted) == true }
        default: throw DomainError.invalidField("client_batch_id_match_type", "must be exact or contains")
        }
    }

    /// Up to `count` tasks matching `filter` and `test`, reading 1,000 at a time.
    static func all(env: APIEnvironment, filter: TaskFilter, upTo count: Int, where test: (WorkTask) -> Bool)
        async throws -> [WorkTask]
    {
        var found: [WorkTask] = []
        var after: String?
        while found.count < count {
            let page = try await env.store.tasks(matching: filter, afterID: after, limit: 1_000, countTotal: false)
                .tasks
            found += page.filter(test)
            guard page.count == 1_000, let last = page.last else { break }
            after = last.id
        }
        return Array(found.prefix(count))
    }

    func updatePriorities(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        _ = try await SamaInput.project(context, env: env)
        var reader = FieldReader(try await SamaInput.body(request))
        let ids = try SamaInput.taskIDs(&reader)
        guard let priority = try reader.int("priority", in: TaskSpec.priorityRange) else {
            throw DomainError.invalidField("/priority", "is required")
        }
        try reader.rejectUnknownFields()
        let updated = try await env.store.setPriority(
            SamaTaskJSON.nativePriority(priority), ids: ids, organizationID: caller.organizationID,
            testMode: caller.isTest, at: env.now)
        return JSONResponse.make(value: [
            "success": true,
            "tasks": .array(updated.map { ["id": .string($0), "priority": .int(Int64(priority))] }),
        ])
    }

    /// Only tasks still `new` can be deleted (as Sama documents); otherwise nothing is deleted.
    func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let project = try await SamaInput.project(context, env: env)
        var reader = FieldReader(try await SamaInput.body(request))
        let ids = try SamaInput.taskIDs(&reader)
        try reader.rejectUnknownFields()
        for (index, id) in ids.enumerated() {
            // The project was read once above; each id costs one task read.
            let task = try await task(id, in: project, for: caller)
            guard task.status == .staged else {
                throw DomainError(
                    .invalidState, "task \(id) is \(SamaTaskJSON.state(task)); only new tasks can be deleted",
                    details: [.init(path: "/task_ids/\(index)", reason: "is \(SamaTaskJSON.state(task)), not new")])
            }
        }
        let deleted = try await env.store.deleteTasks(
            ids: ids, organizationID: caller.organizationID, testMode: caller.isTest)
        let now = env.now.iso8601
        return JSONResponse.make(value: [
            "success": true,
            "tasks": .array(
                deleted.map { ["id": .string($0), "project_id": .string(project.id), "archived_at": .string(now)] }),
        ])
    }

    /// A delivered (or completed) task goes back to work with the reasons as feedback.
    func reject(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let task = try await self.task(context, id: context.parameters.get("tid") ?? "")
        var reader = FieldReader(try await SamaInput.body(request))
        let reasons = try reader.stringArray("reasons", maxCount: 50, maxLength: 2_000) ?? []
        try reader.rejectUnknownFields()
        let reworked = try await env.store.auditTask(
            id: task.id, organizationID: caller.organizationID, accepted: false,
            comments: reasons.isEmpty ? "rejected" : reasons.joined(separator: "; "), now: env.now)
        return JSONResponse.make(value: ["task": SamaTaskJSON.value(reworked, omitAnswers: false)])
    }

    private func task(_ context: AppRequestContext, id: String) async throws -> WorkTask {
        try await task(id, in: try await SamaInput.project(context, env: env), for: try context.requireCaller())
    }

    /// The caller's task `id` of `project`, or a 404.
    private func task(_ id: String, in project: Project, for caller: Caller) async throws -> WorkTask {
        guard ObjectIDGenerator.isValid(id) else { throw DomainError.notFound("task", id) }
        let task = try await env.visibleTask(id: id, for: caller)
        guard task.projectID == project.id else { throw DomainError.notFound("task", id) }
        return task
    }
}
