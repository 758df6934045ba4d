public import Hummingbird
import LoupeCore
import LoupeDomain
import LoupeStore

/// Results and quality: a task's result history, a requester's rejection for rework, and
/// per-worker statistics.
public struct ResultsController: Sendable {
    let env: APIEnvironment

    /// A controller over `env`.
    public init(env: APIEnvironment) { self.env = env }

    /// The routes, relative to `/api/v1`.
    public var endpoints: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .get("tasks/:id/results", use: results)
            .post("tasks/:id/reject", use: reject)
            .get("projects/:id/workers", use: projectWorkers)
            .get("users/:id/stats", use: userStats)
    }

    func results(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let id = try context.parameters.id(kind: "task")
        _ = try await env.visibleTask(id: id, for: caller)
        let results = try await env.store.results(taskID: id, organizationID: caller.organizationID)
        return JSONResponse.make(value: ["results": .array(results.map(WorkController.resultObject))])
    }

    /// `POST /tasks/{id}/reject {"reason"}`: the completed task returns to the queue for a new round.
    func reject(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let id = try context.parameters.id(kind: "task")
        var reader = try FieldReader(try await JSONBody.read(request))
        let reason = try reader.string("reason", maxLength: 10_000, allowEmpty: false)
        try reader.rejectUnknownFields()
        guard let reason else { throw DomainError.invalidField("/reason", "is required") }
        _ = try await env.visibleTask(id: id, for: caller)
        let task = try await env.store.reworkTask(
            id: id, organizationID: caller.organizationID, reason: reason, now: env.now)
        return JSONResponse.make(.ok, TaskDTO.bytes(task))
    }

    func projectWorkers(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireLiveCaller()
        let id = try context.parameters.id(kind: "project")
        guard let project = try await env.store.project(id: id, organizationID: caller.organizationID) else {
            throw DomainError.notFound("project", id)
        }
        var stats = try await env.store.workerStats(organizationID: caller.organizationID, projectID: id)
        let model = try await env.answerModels.model(for: project)
        for index in stats.indices {
            let worker = stats[index].workerID
            if let single = model as? CategoricalAnswerModel {
                stats[index].estimatedAccuracy = single.estimatedAccuracy(of: worker)
            }
            if let multi = model as? MultiLabelAnswerModel {
                stats[index].estimatedAccuracy = multi.estimatedAccuracy(of: worker)
            }
        }
        return JSONResponse.make(value: ["workers": .array(stats.map(Self.value))])
    }

    /// A worker's own stats, or anyone's for admins and requesters.
    func userStats(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireLiveCaller(allowing: [.admin, .requester, .worker, .reviewer])
        let id = try context.parameters.id(kind: "user")
        let mayReadOthers = !caller.roles.isDisjoint(with: [.admin, .requester])
        guard mayReadOthers || caller.userID == id,
            try await env.store.user(id: id, organizationID: caller.organizationID) != nil
        else { throw DomainError.notFound("user", id) }
        let stats = try await env.store.workerStats(organizationID: caller.organizationID, workerID: id).first
        return JSONResponse.make(value: Self.value(stats ?? WorkerStats(workerID: id)))
    }

    static func value(_ stats: WorkerStats) -> JSONValue {
        var object: JSONObject = [
            "worker_id": .string(stats.workerID), "in_review": .int(Int64(stats.inReview)),
            "approved": .int(Int64(stats.approved)), "rejected": .int(Int64(stats.rejected)),
            "sent_back": .int(Int64(stats.sentBack)), "abandoned": .int(Int64(stats.abandoned)),
            "experience": .int(Int64(stats.experience)), "reputation": .double(stats.reputation),
            "earnings": .double(stats.earnings),
        ]
        object["agreement"] = stats.agreement.map(JSONValue.double) ?? .null
        object["estimated_accuracy"] = (stats.estimatedAccuracy ?? stats.agreement).map(JSONValue.double) ?? .null
        object["median_seconds_per_task"] = stats.medianSecondsPerTask.map(JSONValue.double) ?? .null
        return .object(object)
    }
}
