public import Hummingbird
import LoupeDomain
import LoupeStore

/// The read endpoints of Scale's v2 API (`/scale/v2/task`, `tasks`, `project`, `projects`,
/// `batch`, `batches`): entities by id or name, project and batch referenced by id, `next_token`
/// paging that ends when the token is absent.
public struct ScaleV2Reads: Sendable {
    let env: APIEnvironment

    /// A controller over `env`.
    public init(env: APIEnvironment) { self.env = env }

    /// The routes, relative to `/scale/v2`.
    public var endpoints: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .get("task", use: task)
            .get("tasks", use: tasks)
            .get("project", use: project)
            .get("projects", use: projects)
            .get("batch", use: batch)
            .get("batches", use: batches)
    }

    func task(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        guard let id = ScaleInput.all(request, "task_id").last else {
            throw DomainError.invalidField("task_id", "is required")
        }
        guard let task = try await env.store.task(id: id, organizationID: caller.organizationID),
            caller.sees(testMode: task.testMode)
        else { throw DomainError(.notFound, "Task not found") }
        return JSONResponse.make(value: Self.value(task))
    }

    func tasks(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        var filter = TaskFilter(for: caller)
        filter.projectID = try await projectID(request, caller)
        filter.batchID = try await batchID(request, caller)
        if let status = ScaleInput.all(request, "status").last {
            guard let statuses = ScaleTaskJSON.statuses(forScale: status) else {
                throw DomainError.invalidField("status", "must be one of pending, completed, canceled, error")
            }
            filter.statuses = statuses
        }
        filter.completedAfter = try ScaleInput.time(request, "completed_after")
        filter.completedBefore = try ScaleInput.time(request, "completed_before")
        let limit = try ScaleTaskQuery.limit(request)
        let scope = "scale-v2-tasks|\(filter)"
        let afterID = try ScaleInput.all(request, "next_token").last.map { token throws(DomainError) in
            try env.cursor.lastID(from: token, scope: scope)
        }
        let found = try await env.store.tasks(matching: filter, afterID: afterID, limit: limit + 1, countTotal: false)
            .tasks
        let page = found.prefix(limit)
        var body: JSONObject = ["tasks": .array(page.map(Self.value))]
        if found.count > limit, let last = page.last {
            body["next_token"] = .string(env.cursor.token(lastID: last.id, scope: scope))
        }
        return JSONResponse.make(value: .object(body))
    }

    func project(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        guard let id = try await projectID(request, caller),
            let project = try await env.store.project(id: id, organizationID: caller.organizationID)
        else { throw DomainError.invalidField("project_id", "or project_name is required") }
        return JSONResponse.make(value: Self.value(project))
    }

    func projects(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let projects = try await env.store.projects(
            organizationID: caller.organizationID, includeArchived: false, afterID: nil, limit: 10_000)
        return JSONResponse.make(value: ["projects": .array(projects.map(Self.value))])
    }

    func batch(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        guard let id = try await batchID(request, caller),
            let batch = try await env.store.batch(id: id, organizationID: caller.organizationID),
            caller.sees(testMode: batch.testMode)
        else { throw DomainError.invalidField("batch_id", "or batch_name is required") }
        return JSONResponse.make(value: try await value(batch))
    }

    func batches(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let (batches, _) = try await env.store.namedBatches(
            organizationID: caller.organizationID, testMode: caller.isTest,
            projectID: try await projectID(request, caller),
            statuses: [], offset: 0, limit: 100)
        var values: [JSONValue] = []
        for batch in batches { values.append(try await value(batch)) }
        return JSONResponse.make(value: ["batches": .array(values)])
    }

    private func projectID(_ request: Request, _ caller: Caller) async throws -> String? {
        if let id = ScaleInput.all(request, "project_id").last { return id }
        guard let name = ScaleInput.all(request, "project_name").last else { return nil }
        guard let project = try await env.store.project(named: name, organizationID: caller.organizationID) else {
            throw DomainError(.notFound, "Project \(name) not found")
        }
        return project.id
    }

    private func batchID(_ request: Request, _ caller: Caller) async throws -> String? {
        if let id = ScaleInput.all(request, "batch_id").last { return id }
        guard let name = ScaleInput.all(request, "batch_name").last else { return nil }
        guard let batch = try await env.visibleBatch(named: name, for: caller) else {
            throw DomainError(.notFound, "Batch \(name) not found")
        }
        return batch.id
    }

    /// A v2 task: project and batch by id, Scale's status names.
    static func value(_ task: WorkTask) -> JSONValue {
        var object: JSONObject = [
            "task_id": .string(task.id), "project": .string(task.projectID),
            "status": .string(ScaleTaskJSON.status(task.status)),
            "created_at": .string(task.createdAt.iso8601),
            "metadata": (try? JSONParser.parse(task.metadata.text)) ?? .object(JSONObject()), "threads": [],
            "errors": [],
        ]
        if let batch = task.batchID { object["batch"] = .string(batch) }
        if let completed = task.completedAt { object["completed_at"] = .string(completed.iso8601) }
        return .object(object)
    }

    static func value(_ project: Project) -> JSONValue {
        [
            "id": .string(project.id), "name": .string(project.name), "created_at": .string(project.createdAt.iso8601),
            "types": [.string(project.type)],
        ]
    }

    private func value(_ batch: Batch) async throws -> JSONValue {
        let counts = try await env.store.taskStatusCounts(batchID: batch.id)
        var object: JSONObject = [
            "id": .string(batch.id), "name": .string(batch.clientBatchID ?? batch.id),
            "project": .string(batch.projectID),
            "created_at": .string(batch.createdAt.iso8601), "status": .string(ScaleBatches.status(batch, counts)),
            "metadata": (try? JSONParser.parse(batch.metadata.text)) ?? .object(JSONObject()),
        ]
        if let callback = batch.callbackURL { object["callback"] = .string(callback) }
        return .object(object)
    }
}
