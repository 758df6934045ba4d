public import Hummingbird
public import LoupeDomain
import LoupeStore

/// Reading Sama requests: the project in the path, pages, times and bodies.
enum SamaInput {
    /// The caller's project named by `{pid}` in the path.
    static func project(_ context: AppRequestContext, env: APIEnvironment) async throws -> Project {
        let caller = try context.requireCaller()
        let id = context.parameters.get("pid") ?? ""
        guard ObjectIDGenerator.isValid(id),
            let project = try await env.store.project(id: id, organizationID: caller.organizationID)
        else { throw DomainError.notFound("project", id) }
        return project
    }

    /// `page` (from 1) and `page_size` (1…`max`): the offset and limit they mean.
    static func page(_ query: QueryReader, defaultSize: Int, max: Int = 1_000) throws(DomainError) -> (
        offset: Int, limit: Int
    ) {
        let page = try query.int("page", in: 1...1_000_000) ?? 1
        let size = try query.int("page_size", in: 1...max) ?? defaultSize
        return ((page - 1) * size, size)
    }

    /// A time filter in any ISO 8601 form users send; 400 naming `name` otherwise.
    static func time(_ query: QueryReader, _ name: String) throws(DomainError) -> Timestamp? {
        guard let text = query.string(name) else { return nil }
        guard let time = Timestamp.parseFilterTime(text) else {
            throw DomainError.invalidField(name, "must be a time such as 2026-12-01T10:00:00Z")
        }
        return time
    }

    /// A JSON object body; an empty body is `{}` (the client posts some calls without one).
    static func body(_ request: Request) async throws -> JSONObject {
        guard case .object(let object) = try await JSONBody.readOptionalObject(request) else { return JSONObject() }
        return object
    }

    /// A `notification_email`: one e-mail address (events reach it through the SMTP relay).
    static func checkNotificationEmail(_ text: String) throws(DomainError) {
        do {
            _ = try MailAddress(text)
        } catch {
            throw DomainError.invalidField("/notification_email", error.reason)
        }
    }

    /// The `task_ids` of a body: Loupe task ids, at most 1,000.
    static func taskIDs(_ reader: inout FieldReader) throws(DomainError) -> [String] {
        guard let ids = try reader.stringArray("task_ids", maxCount: 1_000, maxLength: 24), !ids.isEmpty else {
            throw DomainError.invalidField("/task_ids", "is required: a list of task ids")
        }
        for (index, id) in ids.enumerated() where !ObjectIDGenerator.isValid(id) {
            throw DomainError.invalidField("/task_ids/\(index)", "must be a task id (24 lowercase hex characters)")
        }
        return ids
    }
}
