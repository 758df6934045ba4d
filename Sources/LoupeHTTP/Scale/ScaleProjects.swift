public import Hummingbird
import LoupeCore
import LoupeDomain
import LoupeStore

/// Scale's projects (`/scale/v1/projects`): addressed by name, with `param_history` versions
/// counted from 0 (Loupe's version − 1).
public struct ScaleProjects: Sendable {
    let env: APIEnvironment

    /// A controller over `env`.
    public init(env: APIEnvironment) { self.env = env }

    /// The routes, relative to `/scale/v1`.
    public var endpoints: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .post("projects", use: create)
            .get("projects", use: list)
            .get("projects/:name", use: get)
            .post("projects/:name/setParams", use: setParams)
    }

    func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        var reader = try FieldReader(try await ScaleInput.body(request))
        let name = try reader.requiredString("name", maxLength: 200)
        let type = try reader.requiredString("type", maxLength: 100)
        var params = try reader.object("params") ?? JSONObject()
        let instruction = params["instruction"]?.stringValue ?? ""
        params["instruction"] = nil
        let project = Self.newProject(
            name: name, type: type, instruction: instruction, params: params, caller: caller, env: env)
        try await env.store.createProject(project)
        return JSONResponse.make(value: Self.value(project))
    }

    func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let projects = try await env.store.projects(
            organizationID: caller.organizationID, includeArchived: false, afterID: nil, limit: 10_000)
        return JSONResponse.make(value: .array(projects.map(Self.value)))
    }

    func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        JSONResponse.make(value: Self.value(try await named(context)))
    }

    /// `POST projects/{name}/setParams`: merges the params (and instruction) into a new version.
    func setParams(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let project = try await named(context)
        guard var changes = try await ScaleInput.body(request).objectValue else {
            throw DomainError.invalidField("", "the params must be a JSON object")
        }
        let instruction = changes["instruction"]?.stringValue
        changes["instruction"] = nil
        let now = env.now
        env.forgetProject(id: project.id, organizationID: caller.organizationID)
        let updated = try await env.store.updateProject(id: project.id, organizationID: caller.organizationID) {
            project in
            var params = project.params
            for (key, value) in changes { params[key] = value }
            project.recordVersion(instruction: instruction ?? project.instruction, params: params, at: now)
            project.updatedAt = now
        }
        return JSONResponse.make(value: Self.value(updated))
    }

    private func named(_ context: AppRequestContext) async throws -> Project {
        let caller = try context.requireCaller()
        let name = try ScaleInput.name(context)
        guard let project = try await env.store.project(named: name, organizationID: caller.organizationID) else {
            throw DomainError(.notFound, "Project \(name) not found")
        }
        return project
    }

    /// Scale's project object.
    static func value(_ project: Project) -> JSONValue {
        let history: [JSONValue] = project.paramHistory.map { version in
            var entry = version.params
            entry["instruction"] = .string(version.instruction)
            entry["version"] = .int(Int64(version.version - 1))
            entry["created_at"] = .string(version.createdAt.iso8601)
            return .object(entry)
        }
        return [
            "name": .string(project.name), "type": .string(project.type), "id": .string(project.id),
            "created_at": .string(project.createdAt.iso8601), "param_history": .array(history), "rapid": false,
            "studio": false, "datasetId": .null, "archived": .bool(project.archived),
        ]
    }

    /// The project a task names, or the organization's default project for the type (made on first use).
    static func resolve(_ name: String?, type: String, caller: Caller, env: APIEnvironment) async throws -> Project {
        if let name {
            guard let project = try await env.store.project(named: name, organizationID: caller.organizationID) else {
                throw DomainError.invalidField("/project", "names no project: create it with POST /scale/v1/projects")
            }
            return project
        }
        let defaultName = "scale-default-\(type)"
        if let project = try await env.store.project(named: defaultName, organizationID: caller.organizationID) {
            return project
        }
        let project = newProject(
            name: defaultName, type: type, instruction: "", params: JSONObject(), caller: caller, env: env)
        do {
            try await env.store.createProject(project)
            return project
        } catch let error as DomainError where error.code == .conflict {
            // Another request made it first.
            return try await env.store.project(named: defaultName, organizationID: caller.organizationID) ?? project
        }
    }

    /// A new project at version 1 (Scale's version 0).
    static func newProject(
        name: String, type: String, instruction: String, params: JSONObject, caller: Caller, env: APIEnvironment
    ) -> Project {
        let now = env.now
        return Project(
            id: env.factory.ids.next(), organizationID: caller.organizationID, name: name, type: type,
            instruction: instruction, params: params, creationSchema: nil, deliverySchema: nil, settings: JSONObject(),
            paramHistory: [ParamVersion(version: 1, instruction: instruction, params: params, createdAt: now)],
            metadata: JSONObject(), archived: false, createdAt: now, updatedAt: now)
    }

    /// The task's instruction with the project's appended: its latest version, the one named by
    /// `project_param_version`, or none for -1.
    static func instruction(_ own: String, project: Project, version: Int?) -> String {
        let inherited: String
        switch version {
        case -1: inherited = ""
        case let number?:
            inherited = project.paramHistory.first { $0.version == number + 1 }?.instruction ?? project.instruction
        case nil: inherited = project.instruction
        }
        return [own, inherited].filter { !$0.isEmpty }.joined(separator: "\n\n")
    }
}
