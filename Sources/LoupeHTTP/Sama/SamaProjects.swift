public import Hummingbird
import LoupeDomain
import LoupeStore

/// A Sama project is a Loupe project with the same id: its information, task counts per Sama
/// state, and its creation and delivery schemas (inputs, and outputs as `output_<name>`).
struct SamaProjects: Sendable {
    let env: APIEnvironment

    var endpoints: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .get("projects/{pid}.json", use: information)
            .get("projects/:pid/stats.json", use: stats)
            .get("projects/:pid/schemas/create_task.json", use: creationSchema)
            .get("projects/:pid/schemas/deliver_task.json", use: deliverySchema)
    }

    func information(_ request: Request, context: AppRequestContext) async throws -> Response {
        let project = try await SamaInput.project(context, env: env)
        return JSONResponse.make(value: [
            "id": .string(project.id), "name": .string(project.name),
            "state": .string(project.archived ? "archived" : "active"), "type": .string(project.type),
            "description": .string(project.instruction), "created_at": .string(project.createdAt.iso8601),
        ])
    }

    /// Tasks per Sama state, created within `from`…`to` when given.
    func stats(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let project = try await SamaInput.project(context, env: env)
        let query = QueryReader(request)
        var filter = TaskFilter(for: caller)
        filter.projectID = project.id
        filter.createdAfter = try SamaInput.time(query, "from")
        filter.createdBefore = try SamaInput.time(query, "to")
        var counts = JSONObject()
        var total = 0
        for state in ["new", "in progress", "completed", "delivered", "acknowledged", "canceled"] {
            filter.statuses = SamaTaskJSON.statuses(ofState: state) ?? []
            let count = try await env.store.tasks(matching: filter, afterID: nil, limit: 1, countTotal: true).total ?? 0
            counts[state] = .int(Int64(count))
            total += count
        }
        return JSONResponse.make(value: [
            "project_id": .string(project.id), "from": query.string("from").map(JSONValue.string) ?? .null,
            "to": query.string("to").map(JSONValue.string) ?? .null, "counts": .object(counts),
            "total": .int(Int64(total)),
        ])
    }

    /// The inputs a task takes: the creation schema, with each delivery output as an optional
    /// `output_<name>` pre-annotation.
    func creationSchema(_ request: Request, context: AppRequestContext) async throws -> Response {
        let project = try await SamaInput.project(context, env: env)
        var schema = project.creationSchema?.objectValue ?? ["type": "object"]
        var properties = schema["properties"]?.objectValue ?? JSONObject()
        for (name, output) in project.deliverySchema?.objectValue?["properties"]?.objectValue ?? JSONObject() {
            properties["output_" + name] = output
        }
        schema["properties"] = .object(properties)
        return JSONResponse.make(value: .object(schema))
    }

    func deliverySchema(_ request: Request, context: AppRequestContext) async throws -> Response {
        let project = try await SamaInput.project(context, env: env)
        return JSONResponse.make(value: project.deliverySchema ?? ["type": "object"])
    }
}
