public import Hummingbird
import LoupeCore
import LoupeDomain
import LoupeStore

/// The reviewer's queue: `POST /review/next` leases a task in review with every result; a decision
/// approves, rejects or sends back each result.
public struct ReviewController: Sendable {
    let env: APIEnvironment

    /// A controller over `env`.
    public init(env: APIEnvironment) { self.env = env }

    /// The routes, relative to `/api/v1`.
    public var endpoints: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .post("review/next", use: next)
            .post("reviews/:id/decision", use: decide)
            .post("reviews/:id/release", use: release)
    }

    private func reviewer(_ context: AppRequestContext) throws(DomainError) -> (Caller, String) {
        let caller = try context.requireCaller(allowing: [.reviewer])
        guard let userID = caller.userID else {
            throw DomainError(.forbidden, "reviews are done by a reviewer logged in with a session token")
        }
        return (caller, userID)
    }

    func next(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (caller, reviewerID) = try reviewer(context)
        try env.refuseNewLeasesWhileDraining()
        let projectID = try await WorkController.projectFilter(request)
        guard
            let (review, task, results) = try await env.store.claimReview(
                organizationID: caller.organizationID, reviewerID: reviewerID, projectID: projectID,
                reviewID: env.factory.ids.next(), now: env.now)
        else { return Response(status: .noContent) }
        let project = try await env.store.project(id: task.projectID, organizationID: caller.organizationID)
        let data = (try? JSONParser.parse(task.data.text)) ?? .null
        var taskObject: JSONObject = [
            "id": .string(task.id), "type": .string(task.type), "data": data,
            "instruction": .string(env.instruction(for: task, data: data, project: project)),
            "params": .object(project?.params ?? JSONObject()),
        ]
        if let outcome = task.outcome, let value = try? JSONParser.parse(outcome.text),
            var aggregate = value.objectValue
        {
            aggregate["results"] = nil
            taskObject["aggregate"] = .object(aggregate)
        }
        let object: JSONObject = [
            "id": .string(review.id), "expires_at": .string(review.leaseExpiresAt.iso8601), "task": .object(taskObject),
            "results": .array(results.map(WorkController.resultObject)),
        ]
        return JSONResponse.make(value: ["review": .object(object)])
    }

    /// Body: `{"decision"?: "approve|reject|send_back", "reason"?, "deadline"?, "answer"?,
    /// "results"?: [{"assignment_id", "decision", "reason"?, "deadline"?}]}` — the top-level decision
    /// applies to results not listed (default approve).
    func decide(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (caller, reviewerID) = try reviewer(context)
        let id = try context.parameters.id(kind: "review")
        var reader = try FieldReader(try await JSONBody.read(request))
        let now = env.now
        let fallback = try Self.verdict(&reader, path: "", now: now, required: false) ?? .approve
        let answer = reader.value("answer")
        var verdicts: [String: ReviewVerdict] = [:]
        for (index, entry) in (try reader.array("results", maxCount: 100) ?? []).enumerated() {
            let path = "/results/\(index)"
            guard let object = entry.objectValue else { throw DomainError.invalidField(path, "must be an object") }
            var inner = FieldReader(object, path: path)
            let assignmentID = try inner.requiredString("assignment_id", maxLength: 24)
            verdicts[assignmentID] = try Self.verdict(&inner, path: path, now: now, required: true)
            try inner.rejectUnknownFields()
        }
        try reader.rejectUnknownFields()
        if let answer {
            try await validate(answer, reviewID: id, caller: caller, reviewerID: reviewerID)
        }
        let task = try await env.store.decideReview(
            reviewID: id, reviewerID: reviewerID, verdicts: verdicts, otherwise: fallback, answer: answer, now: now)
        return JSONResponse.make(value: [
            "task": .object(["id": .string(task.id), "status": .string(task.status.rawValue)])
        ])
    }

    /// The reviewer's own final answer obeys the same rules as workers' answers.
    private func validate(_ answer: JSONValue, reviewID: String, caller: Caller, reviewerID: String) async throws {
        guard let object = answer.objectValue else { throw DomainError.invalidField("/answer", "must be an object") }
        guard let taskID = try await env.store.reviewedTaskID(reviewID: reviewID, reviewerID: reviewerID),
            let task = try await env.store.task(id: taskID, organizationID: caller.organizationID),
            let project = try await env.store.project(id: task.projectID, organizationID: caller.organizationID)
        else { throw DomainError.notFound("review", reviewID) }
        try env.validator.validate(object, task: task, project: project)
    }

    func release(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, reviewerID) = try reviewer(context)
        let id = try context.parameters.id(kind: "review")
        try await env.store.releaseReview(reviewID: id, reviewerID: reviewerID, now: env.now)
        return JSONResponse.make(value: ["released": true])
    }

    /// Reads `decision`, `reason` and `deadline` (RFC 3339, or seconds from now as `deadline_seconds`).
    static func verdict(_ reader: inout FieldReader, path: String, now: Timestamp, required: Bool)
        throws(DomainError) -> ReviewVerdict?
    {
        guard let decision = try reader.string("decision", maxLength: 20) else {
            if required { throw DomainError.invalidField(path + "/decision", "is required") }
            return nil
        }
        let reason = try reader.string("reason", maxLength: 10_000, allowEmpty: false)
        switch decision {
        case "approve":
            return .approve
        case "reject":
            guard let reason else { throw DomainError.invalidField(path + "/reason", "is required to reject a result") }
            return .reject(reason: reason)
        case "send_back":
            guard let reason else {
                throw DomainError.invalidField(path + "/reason", "is required to send a result back")
            }
            let deadline: Timestamp
            if let text = try reader.string("deadline", maxLength: 40) {
                guard let parsed = Timestamp.parse(text), parsed > now else {
                    throw DomainError.invalidField(path + "/deadline", "must be a future RFC 3339 time")
                }
                deadline = parsed
            } else {
                deadline = now.adding(seconds: Double(try reader.int("deadline_seconds", in: 60...2_592_000) ?? 86_400))
            }
            return .sendBack(reason: reason, deadline: deadline)
        default:
            throw DomainError.invalidField(path + "/decision", "must be approve, reject or send_back")
        }
    }
}
