import Foundation
import HTTPTypes
import Hummingbird
import LoupeCore
import LoupeDomain
import LoupeHTTP
import LoupeStore

/// A made-up vendor API defined only in the test target, to prove that a dialect is a plug-in:
/// its own prefix (`/acme/v1`), credential schemes (`X-Acme-Key` or `?access_key=`), error shape
/// (`{"acme_error": {"status", "message"}}`), answer format (`{"yes": Bool}`), synthetic answer,
/// callback body, auth header and retry promise, registered without touching a core file.
struct AcmeDialect: APIDialect {
    var tasks: any TaskDialect { AcmeTasks() }
    var pathPrefixes: [String] { ["/acme/"] }

    func mount(on router: Router<AppRequestContext>, env: APIEnvironment) {
        let jobs = AcmeJobs(env: env)
        router.group("/acme/v1").add(middleware: AcmeErrors.make())
            .add(middleware: APIKeyAuthenticator(env: env, credentials: [.header("X-Acme-Key"), .query("access_key")]))
            .post("projects/:id/jobs", use: jobs.create)
            .get("jobs/:id", use: jobs.get)
    }
}

/// What the Acme dialect changes once one of its jobs exists.
struct AcmeTasks: TaskDialect {
    static let id = DialectID(rawValue: "acme")
    static let type = "acme_yesno"
    var id: DialectID { Self.id }

    func answerViolations(type: String, data: JSONObject, answer: JSONObject) -> [SchemaViolation]? {
        guard type == Self.type else { return nil }
        if case .bool = answer["yes"] { return [] }
        return [SchemaViolation(path: "/yes", reason: "must be true or false")]
    }

    func syntheticAnswer(type: String, data: JSONObject) -> JSONObject? { ["yes": true] }

    func callbackBody(for task: WorkTask, kind: EventKind, context: TaskContext) -> RawJSON? {
        let answer = task.response.flatMap { try? JSONParser.parse($0.text) } ?? .null
        return RawJSON([
            "acme_event": .string(kind.rawValue), "job": .string(task.id), "project": .string(context.projectName),
            "answer": answer, "link": .string("/acme/v1/jobs/\(task.id)"),
        ])
    }

    func retryPolicy(projectPolicy: RetryPolicy) -> RetryPolicy {
        RetryPolicy(maxAttempts: 2, initialBackoff: 0.05, maxBackoff: 0.05)
    }

    func absoluteLinks(in body: String, base: String) -> String {
        body.replacingOccurrences(of: "\"/acme/v1/", with: "\"\(base)/acme/v1/")
    }

    var callbackAuthHeader: String? { "x-acme-callback-key" }
}

/// `POST /acme/v1/projects/{id}/jobs {"input", "callback"}` and `GET /acme/v1/jobs/{id}`.
struct AcmeJobs: Sendable {
    let env: APIEnvironment

    func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let projectID = context.parameters.get("id") ?? ""
        guard case .object(let body) = try await JSONBody.read(request), case .object(let input)? = body["input"] else {
            throw DomainError.invalidField("/input", "is required: an object")
        }
        guard let project = try await env.store.project(id: projectID, organizationID: caller.organizationID) else {
            throw DomainError.notFound("project", projectID)
        }
        var task = try env.factory.makeTask(
            TaskSpec(data: .object(input), callbackURL: body["callback"]?.stringValue), project: project,
            testMode: caller.isTest)
        task.type = AcmeTasks.type
        task.dialect = AcmeTasks.id
        _ = try await env.store.createTask(task)
        return JSONResponse.make(.created, value: ["job": .string(task.id), "state": .string(task.status.rawValue)])
    }

    func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let id = context.parameters.get("id") ?? ""
        guard let task = try await env.store.task(id: id, organizationID: caller.organizationID),
            caller.sees(testMode: task.testMode)
        else { throw DomainError(.notFound, "no such job") }
        return JSONResponse.make(value: ["job": .string(task.id), "state": .string(task.status.rawValue)])
    }
}

/// Acme's error shape, through the seam every dialect uses.
enum AcmeErrors {
    static func make() -> DialectErrorMiddleware {
        DialectErrorMiddleware { error, status in
            (status, ["acme_error": ["status": .int(Int64(status.code)), "message": .string(error.message)]])
        }
    }
}
