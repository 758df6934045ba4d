public import Hummingbird
import LoupeDomain
import LoupeStore

/// The logged-in user's own resources for the web UI: who am I, my preferences (remapped
/// shortcuts) and the projects I may work on or review.
public struct MeController: Sendable {
    let env: APIEnvironment

    /// A controller over `env`.
    public init(env: APIEnvironment) { self.env = env }

    /// The routes, relative to `/api/v1`.
    public var endpoints: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .get("me", use: me)
            .put("me/preferences", use: setPreferences)
            .get("me/projects", use: projects)
    }

    /// The session's caller and user id (its roles and groups come with the session).
    private func person(_ context: AppRequestContext) throws(DomainError) -> (Caller, String) {
        let caller = try context.requireCaller(allowing: Set(UserRole.allCases))
        guard let userID = caller.userID else {
            throw DomainError(.forbidden, "this route is for a person logged in with a session token, not an API key")
        }
        return (caller, userID)
    }

    /// `GET /me`: `{"user": {…, "preferences": {…}}, "embed_origins": [...]}` (what the UI may embed).
    func me(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (caller, userID) = try person(context)
        guard let user = try await env.store.user(id: userID, organizationID: caller.organizationID) else {
            throw DomainError.notFound("user", userID)
        }
        var object = UserDTO.value(user).objectValue ?? JSONObject()
        let stored = try await env.store.preferences(userID: user.id)
        object["preferences"] = stored.flatMap { try? JSONParser.parse($0.text) } ?? .object([:])
        return JSONResponse.make(
            value: ["user": .object(object), "embed_origins": .array(env.embedOrigins.map(JSONValue.string))])
    }

    /// `PUT /me/preferences {"shortcuts": {"<action id>": ["Ctrl+Z", …]}}`: replaces the preferences.
    func setPreferences(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, userID) = try person(context)
        var reader = try FieldReader(try await JSONBody.read(request, limit: 64 << 10))
        let shortcuts = try Self.shortcuts(try reader.object("shortcuts") ?? JSONObject())
        try reader.rejectUnknownFields()
        let preferences: JSONValue = ["shortcuts": .object(shortcuts)]
        try await env.store.setPreferences(userID: userID, value: RawJSON(preferences), now: env.now)
        return JSONResponse.make(value: ["preferences": preferences])
    }

    /// Remapped keys: at most 200 actions, each a list of up to 8 key names of up to 40 characters.
    static func shortcuts(_ object: JSONObject) throws(DomainError) -> JSONObject {
        guard object.count <= 200 else {
            throw DomainError.invalidField("/shortcuts", "must remap at most 200 actions")
        }
        var result = JSONObject()
        for (action, value) in object {
            let path = "/shortcuts/" + action
            guard !action.isEmpty, action.utf8.count <= 100 else {
                throw DomainError.invalidField(path, "action ids must be 1 to 100 characters")
            }
            guard let keys = value.arrayValue, keys.count <= 8 else {
                throw DomainError.invalidField(path, "must be a list of at most 8 key names")
            }
            for (index, key) in keys.enumerated() {
                guard let name = key.stringValue, !name.isEmpty, name.utf8.count <= 40 else {
                    throw DomainError.invalidField(
                        "\(path)/\(index)", "must be a key name such as \"Ctrl+Z\" (1 to 40 characters)")
                }
            }
            result[action] = value
        }
        return result
    }

    /// `GET /me/projects`: active projects the user may work on (`can_work`) or review (`can_review`),
    /// with how many live tasks are open (`open_tasks`: pending or in progress) and `in_review`.
    func projects(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (caller, userID) = try person(context)
        let projects = try await env.store.projects(
            organizationID: caller.organizationID, includeArchived: false, afterID: nil, limit: 500)
        var open: [(Project, WorkflowSettings, canWork: Bool, canReview: Bool)] = []
        for project in projects {
            guard let settings = try? WorkflowSettings.parse(project.settings) else { continue }
            let canWork = caller.roles.contains(.worker) && settings.admitsWorker(userID, groups: caller.groups)
            let canReview =
                caller.roles.contains(.reviewer)
                && (settings.reviewerIDs.isEmpty || settings.reviewerIDs.contains(userID))
            if canWork || canReview { open.append((project, settings, canWork, canReview)) }
        }
        let counts = try await env.store.statusCounts(projectIDs: open.map(\.0.id))
        let entries: [JSONValue] = open.map { project, settings, canWork, canReview in
            let statuses = counts[project.id] ?? [:]
            let object: JSONObject = [
                "id": .string(project.id), "name": .string(project.name), "type": .string(project.type),
                "instruction": .string(project.instruction), "can_work": .bool(canWork), "can_review": .bool(canReview),
                "payment_per_result": .double(settings.paymentPerResult),
                "open_tasks": .int(Int64((statuses["pending"] ?? 0) + (statuses["in_progress"] ?? 0))),
                "in_review": .int(Int64(statuses["in_review"] ?? 0)),
            ]
            return .object(object)
        }
        return JSONResponse.make(value: ["projects": .array(entries)])
    }
}
