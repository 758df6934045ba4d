public import Hummingbird
import LoupeCore
import LoupeDomain
import LoupeStore

/// The worker's queue: `POST /work/next` leases a task; heartbeat, release and submit act on the lease.
public struct WorkController: Sendable {
    let env: APIEnvironment

    /// A controller over `env`.
    public init(env: APIEnvironment) { self.env = env }

    /// The routes, relative to `/api/v1`.
    public var endpoints: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .post("work/next", use: next)
            .post("assignments/:id/heartbeat", use: heartbeat)
            .post("assignments/:id/release", use: release)
            .post("assignments/:id/submit", use: submit)
            .get("assignments", use: list)
    }

    private func worker(_ context: AppRequestContext) throws(DomainError) -> (Caller, String) {
        let caller = try context.requireCaller(allowing: [.worker])
        guard let userID = caller.userID else {
            throw DomainError(.forbidden, "work is done by a worker logged in with a session token")
        }
        return (caller, userID)
    }

    func next(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (caller, workerID) = try worker(context)
        try env.refuseNewLeasesWhileDraining()
        let projectID = try await Self.projectFilter(request)
        let request = Store.WorkRequest(
            organizationID: caller.organizationID, workerID: workerID, groups: caller.groups, projectID: projectID)
        guard
            let (assignment, task) = try await env.store.claimNextTask(
                request, assignmentID: env.factory.ids.next(), now: env.now)
        else { return Response(status: .noContent) }
        env.leaseProjects.store(
            task.projectID, hash: assignment.id,
            validFor: Double(assignment.leaseExpiresAt.microseconds - env.now.microseconds) / 1_000_000)
        let project = try await env.cachedProject(id: task.projectID, organizationID: caller.organizationID)
        var taskObject = JSONObject()
        taskObject["id"] = .string(task.id)
        taskObject["type"] = .string(task.type)
        let data = (try? JSONParser.parse(task.data.text)) ?? .null
        taskObject["data"] = data
        taskObject["instruction"] = .string(env.instruction(for: task, data: data, project: project))
        taskObject["params"] = .object(project?.params ?? JSONObject())
        if let prefill = task.prefill { taskObject["prefill"] = (try? JSONParser.parse(prefill.text)) ?? .null }
        var object = Self.assignmentObject(assignment)
        object["task"] = .object(taskObject)
        return JSONResponse.make(value: ["assignment": .object(object)])
    }

    func heartbeat(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, workerID) = try worker(context)
        let id = try context.parameters.id(kind: "assignment")
        let assignment = try await env.store.heartbeat(assignmentID: id, workerID: workerID, now: env.now)
        return JSONResponse.make(value: ["assignment": .object(Self.assignmentObject(assignment))])
    }

    func release(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, workerID) = try worker(context)
        let id = try context.parameters.id(kind: "assignment")
        try await env.store.release(assignmentID: id, workerID: workerID, now: env.now)
        env.leaseProjects.remove(hash: id)
        return JSONResponse.make(value: ["released": true])
    }

    func submit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (caller, workerID) = try worker(context)
        let id = try context.parameters.id(kind: "assignment")
        let (body, size) = try await JSONBody.readMeasured(request)
        var reader = try FieldReader(body)
        guard let answer = try reader.object("answer") else { throw DomainError.invalidField("/answer", "is required") }
        try reader.rejectUnknownFields()
        guard let projectID = try await leaseProject(id, workerID: workerID),
            let project = try await env.cachedProject(id: projectID, organizationID: caller.organizationID)
        else { throw DomainError.notFound("assignment", id) }
        let (checkedTask, stored) = try await check(
            answer, size: size, assignmentID: id, workerID: workerID, project: project)
        let validator = env.validator
        let (assignment, settled) = try await env.store.submitAnswer(
            assignmentID: id, workerID: workerID, answer: stored, now: env.now,
            model: try await env.answerModels.model(for: project)
        ) { current, task in
            guard current.projectID == project.id else { throw DomainError.notFound("assignment", id) }
            if let checkedTask {
                // A task's data and type never change, so the check made outside still holds.
                guard checkedTask.id == task.id else { throw DomainError.notFound("assignment", id) }
            } else {
                try validator.validateRules(answer, task: task, project: project)
            }
        }
        env.leaseProjects.remove(hash: id)
        var object = Self.assignmentObject(assignment)
        object["task_status"] = .string(settled.status.rawValue)
        return JSONResponse.make(value: ["assignment": .object(object)])
    }

    /// `GET /assignments?status=&limit=`: the worker's own results, newest first, with reviewers'
    /// feedback (what was rejected or sent back, and why).
    func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, workerID) = try worker(context)
        let query = QueryReader(request)
        let statuses = try query.choices("status", AssignmentStatus.self)
        let assignments = try await env.store.assignments(
            workerID: workerID, statuses: statuses, limit: try query.limit())
        return JSONResponse.make(value: ["assignments": .array(assignments.map { .object(Self.assignmentObject($0)) })])
    }

    /// Checks `answer` before the submit's write, so the single writer never waits on it. The
    /// delivery schema (written by users: patterns, big documents) is always checked here. A large
    /// answer is also checked against its task's rules and serialized here, on `LargeWork`, and
    /// the task checked is returned; a small one's rules, bounded by its size, are checked inside
    /// the write, where the task row is read anyway (no task returned).
    private func check(
        _ answer: JSONObject, size: Int, assignmentID: String, workerID: String, project: Project
    ) async throws -> (task: WorkTask?, stored: RawJSON) {
        let validator = env.validator
        guard size >= LargeWork.threshold else {
            try validator.validateSchema(answer, project: project)
            return (nil, RawJSON(.object(answer)))
        }
        guard let task = try await env.store.assignedTask(assignmentID: assignmentID, workerID: workerID) else {
            throw DomainError.notFound("assignment", assignmentID)
        }
        let stored = try await LargeWork.shared.run {
            try validator.validate(answer, task: task, project: project)
            return RawJSON(.object(answer))
        }
        return (task, stored)
    }

    /// The project of the worker's assignment: remembered from the claim, else read.
    private func leaseProject(_ id: String, workerID: String) async throws -> String? {
        if let projectID = env.leaseProjects.value(hash: id) { return projectID }
        return try await env.store.assignment(id: id, workerID: workerID)?.projectID
    }

    /// The optional `{"project_id"}` body of the queue routes.
    static func projectFilter(_ request: Request) async throws -> String? {
        var reader = try FieldReader(try await JSONBody.readOptionalObject(request))
        let projectID = try reader.string("project_id", maxLength: 24)
        try reader.rejectUnknownFields()
        if let projectID, !ObjectIDGenerator.isValid(projectID) {
            throw DomainError.invalidField("/project_id", "must be an id of 24 lowercase hex characters")
        }
        return projectID
    }

    /// A result as requesters and reviewers see it: the assignment plus its worker.
    static func resultObject(_ assignment: Assignment) -> JSONValue {
        var object = assignmentObject(assignment)
        object["worker_id"] = .string(assignment.workerID)
        return .object(object)
    }

    static func assignmentObject(_ assignment: Assignment) -> JSONObject {
        var object: JSONObject = [
            "id": .string(assignment.id), "task_id": .string(assignment.taskID),
            "project_id": .string(assignment.projectID),
            "status": .string(assignment.status.rawValue), "expires_at": .string(assignment.leaseExpiresAt.iso8601),
            "round": .int(Int64(assignment.round)),
        ]
        if let feedback = assignment.feedback { object["feedback"] = .string(feedback) }
        if let answer = assignment.answer { object["answer"] = (try? JSONParser.parse(answer.text)) ?? .null }
        if let submittedAt = assignment.submittedAt { object["submitted_at"] = .string(submittedAt.iso8601) }
        if assignment.payment > 0 { object["payment"] = .double(assignment.payment) }
        return object
    }
}
