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
        var reader = try FieldReader(try await JSONBody.readOptionalObject(request))
        let projectID = try reader.string("project_id", maxLength: 24)
        try reader.rejectUnknownFields()
        if let projectID, !ObjectIDGenerator.isValid(projectID) {
            throw DomainError.invalidField("/project_id", "must be an id of 24 lowercase hex characters")
        }
        guard let (assignment, task) = try await env.store.claimNextTask(
            organizationID: caller.organizationID, workerID: workerID, projectID: projectID,
            assignmentID: env.factory.ids.next(), now: env.now)
        else { return Response(status: .noContent) }
        let project = try await env.store.project(id: task.projectID, organizationID: caller.organizationID)
        var taskObject = JSONObject()
        taskObject["id"] = .string(task.id)
        taskObject["type"] = .string(task.type)
        taskObject["data"] = (try? JSONParser.parse(task.data.text)) ?? .null
        taskObject["instruction"] = .string(project?.instruction ?? "")
        taskObject["params"] = .object(project?.params ?? JSONObject())
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
        return JSONResponse.make(value: ["released": true])
    }

    func submit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (caller, workerID) = try worker(context)
        let id = try context.parameters.id(kind: "assignment")
        var reader = try FieldReader(try await JSONBody.read(request))
        guard let answer = try reader.object("answer") else { throw DomainError.invalidField("/answer", "is required") }
        try reader.rejectUnknownFields()
        guard let current = try await env.store.assignment(id: id, workerID: workerID) else {
            throw DomainError.notFound("assignment", id)
        }
        if let project = try await env.store.project(id: current.projectID, organizationID: caller.organizationID),
            let source = project.deliverySchema
        {
            let schema = try JSONSchema(source)
            let violations = schema.validate(.object(answer))
            if let first = violations.first {
                throw DomainError(
                    .schemaViolation, "/answer\(first.path) \(first.reason) (delivery_schema of project \(project.id))",
                    details: violations.prefix(20).map { .init(path: "/answer" + $0.path, reason: $0.reason) })
            }
        }
        let (assignment, task) = try await env.store.submitAnswer(
            assignmentID: id, workerID: workerID, answer: RawJSON(.object(answer)), now: env.now)
        var object = Self.assignmentObject(assignment)
        object["task_status"] = .string(task.status.rawValue)
        return JSONResponse.make(value: ["assignment": .object(object)])
    }

    static func assignmentObject(_ assignment: Assignment) -> JSONObject {
        [
            "id": .string(assignment.id), "task_id": .string(assignment.taskID), "status": .string(assignment.status.rawValue),
            "expires_at": .string(assignment.leaseExpiresAt.iso8601),
        ]
    }
}
