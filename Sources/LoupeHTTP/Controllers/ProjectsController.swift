import Foundation
public import Hummingbird
import LoupeCore
import LoupeDomain
import LoupeStore

/// `/api/v1/projects`: create, list, read, change, archive.
public struct ProjectsController: Sendable {
    let env: APIEnvironment

    /// A controller over `env`.
    public init(env: APIEnvironment) { self.env = env }

    /// The routes, relative to `/api/v1`.
    public var endpoints: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .post("projects", use: create)
            .get("projects", use: list)
            .get("projects/:id", use: get)
            .patch("projects/:id", use: update)
            .post("projects/:id/archive") { request, context in try await setArchived(true, request, context) }
            .post("projects/:id/unarchive") { request, context in try await setArchived(false, request, context) }
    }

    func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let spec = try ProjectSpec.parse(try await JSONBody.read(request), requireNameAndType: true)
        let now = env.now
        let instruction = spec.instruction ?? ""
        let params = spec.params ?? JSONObject()
        let project = Project(
            id: env.factory.ids.next(), organizationID: caller.organizationID, name: spec.name!, type: spec.type!,
            instruction: instruction, params: params,
            creationSchema: spec.creationSchema == .null ? nil : spec.creationSchema,
            deliverySchema: spec.deliverySchema == .null ? nil : spec.deliverySchema,
            settings: spec.settings ?? JSONObject(),
            paramHistory: [ParamVersion(version: 1, instruction: instruction, params: params, createdAt: now)],
            metadata: spec.metadata ?? JSONObject(), archived: false, createdAt: now, updatedAt: now)
        try await env.store.createProject(project)
        return JSONResponse.make(.created, value: ProjectDTO.value(project))
    }

    func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let query = QueryReader(request)
        let includeArchived = try query.bool("include_archived") ?? false
        // Lists stay small: the version history is on the project's own page unless asked for.
        let includeHistory = try Self.includes(query, "param_history")
        let window = try PageWindow(
            query, scope: "projects|\(caller.organizationID)|\(includeArchived)", cursor: env.cursor)
        let projects = try await env.store.projects(
            organizationID: caller.organizationID, includeArchived: includeArchived, afterID: window.afterID,
            limit: window.fetchLimit)
        let (page, next) = window.page(projects, id: \.id)
        return JSONResponse.make(
            value: [
                "projects": .array(page.map { ProjectDTO.value($0, includeHistory: includeHistory) }),
                "next_token": next.map(JSONValue.string) ?? .null,
            ])
    }

    func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let id = try context.parameters.id(kind: "project")
        guard let project = try await env.store.project(id: id, organizationID: caller.organizationID) else {
            throw DomainError.notFound("project", id)
        }
        return JSONResponse.make(value: ProjectDTO.value(project))
    }

    func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let id = try context.parameters.id(kind: "project")
        let spec = try ProjectSpec.parse(try await JSONBody.read(request), requireNameAndType: false)
        let now = env.now
        env.forgetProject(id: id, organizationID: caller.organizationID)
        defer { env.forgetProject(id: id, organizationID: caller.organizationID) }
        let project = try await env.store.updateProject(id: id, organizationID: caller.organizationID) { project in
            if let name = spec.name { project.name = name }
            if let type = spec.type, type != project.type {
                throw DomainError.invalidField("/type", "cannot be changed after creation")
            }
            if let schema = spec.creationSchema { project.creationSchema = schema == .null ? nil : schema }
            if let schema = spec.deliverySchema { project.deliverySchema = schema == .null ? nil : schema }
            if let settings = spec.settings { project.settings = settings }
            if let metadata = spec.metadata { project.metadata = metadata }
            let instruction = spec.instruction ?? project.instruction
            let params = spec.params ?? project.params
            if instruction != project.instruction || params != project.params {
                project.recordVersion(instruction: instruction, params: params, at: now)
            }
            project.updatedAt = now
        }
        return JSONResponse.make(value: ProjectDTO.value(project))
    }

    func setArchived(_ archived: Bool, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let id = try context.parameters.id(kind: "project")
        let now = env.now
        env.forgetProject(id: id, organizationID: caller.organizationID)
        defer { env.forgetProject(id: id, organizationID: caller.organizationID) }
        let project = try await env.store.updateProject(id: id, organizationID: caller.organizationID) { project in
            project.archived = archived
            project.updatedAt = now
        }
        return JSONResponse.make(value: ProjectDTO.value(project))
    }

    /// Whether `include=a,b` names `part`; an unknown part is a 400.
    static func includes(_ query: QueryReader, _ part: String) throws(DomainError) -> Bool {
        guard let text = query.string("include") else { return false }
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        for name in parts where name != "param_history" {
            throw DomainError.invalidField("include", "knows param_history only, got \(name)")
        }
        return parts.contains(part)
    }
}
