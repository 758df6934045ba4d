import Crypto
import Foundation
import HTTPTypes
public import Hummingbird
import LoupeCore
import LoupeDomain
import LoupeStore

/// `/api/v1/.../tasks`: create, read, list, cancel, delete, priority, metadata and tags.
public struct TasksController: Sendable {
    let env: APIEnvironment

    /// A controller over `env`.
    public init(env: APIEnvironment) { self.env = env }

    static let idempotencyHeader = HTTPField.Name("Idempotency-Key")!

    /// The routes, relative to `/api/v1`.
    public var endpoints: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .post("projects/:id/tasks", use: create)
            .get("tasks", use: list)
            .get("tasks/:id", use: get)
            .post("tasks/:id/cancel", use: cancel)
            .post("tasks/delete", use: delete)
            .post("tasks/priority", use: setPriority)
            .post("tasks/submit", use: submitStaged)
            .post("tasks/:id/metadata", use: setMetadata)
            .post("tasks/:id/tags", use: changeTags)
    }

    func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let projectID = try context.parameters.id(kind: "project")
        let body = try await JSONBody.read(request)
        let spec = try TaskSpec.parse(body)
        guard let project = try await env.store.project(id: projectID, organizationID: caller.organizationID) else {
            throw DomainError.notFound("project", projectID)
        }
        try env.factory.checkAcceptsTasks(project)
        let task = try env.factory.makeTask(spec, project: project, testMode: caller.mode == .test)
        let key = try Self.idempotencyKey(request)
        let fingerprint = "POST \(request.uri.path) " + Hex.encode(SHA256.hash(data: Data(body.serializedBytes())))
        if let key,
            let earlier = try await env.store.idempotentResponse(organizationID: caller.organizationID, key: key)
        {
            return try Self.replay(earlier, fingerprint: fingerprint)
        }
        let response = try await env.store.createTask(task, idempotencyKey: key, fingerprint: fingerprint) { task in
            (201, String(decoding: TaskDTO.bytes(task), as: UTF8.self))
        }
        env.countCreated(1)
        return try Self.replay(response, fingerprint: fingerprint)
    }

    static func idempotencyKey(_ request: Request) throws(DomainError) -> String? {
        guard let key = request.headers[idempotencyHeader] else { return nil }
        guard (1...255).contains(key.utf8.count) else {
            throw DomainError.invalidField("Idempotency-Key", "must be 1 to 255 characters")
        }
        return key
    }

    static func replay(_ response: IdempotentResponse, fingerprint: String) throws(DomainError) -> Response {
        guard response.fingerprint == fingerprint else {
            throw DomainError(
                .conflict, "this Idempotency-Key was already used for a different request",
                details: [.init(path: "Idempotency-Key", reason: "was used with another body or route")])
        }
        return JSONResponse.make(HTTPResponse.Status(code: response.status), Array(response.body.utf8))
    }

    func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let id = try context.parameters.id(kind: "task")
        let task = try await env.visibleTask(id: id, for: caller)
        return JSONResponse.make(.ok, TaskDTO.bytes(task))
    }

    func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let query = QueryReader(request)
        var filter = TaskFilter(for: caller)
        filter.projectID = try query.id("project")
        filter.batchID = try query.id("batch")
        filter.statuses = try query.choices("status", TaskStatus.self)
        filter.createdAfter = try query.timestamp("created_after")
        filter.createdBefore = try query.timestamp("created_before")
        filter.updatedAfter = try query.timestamp("updated_after")
        filter.completedAfter = try query.timestamp("completed_after")
        filter.uniqueID = query.string("unique_id")
        filter.tag = query.string("tag")
        let window = try PageWindow(query, scope: "tasks|\(filter)", cursor: env.cursor)
        let countTotal = try query.bool("include_total") ?? false
        let (tasks, total) = try await env.store.tasks(
            matching: filter, afterID: window.afterID, limit: window.fetchLimit, countTotal: countTotal)
        let (page, next) = window.page(tasks, id: \.id)
        return JSONResponse.make { writer in
            writer.beginObject()
            writer.key("tasks")
            writer.beginArray()
            for task in page { TaskDTO.write(task, into: &writer) }
            writer.endArray()
            writer.key("next_token")
            if let next { writer.string(next) } else { writer.null() }
            if let total {
                writer.key("total")
                writer.int(Int64(total))
            }
            writer.endObject()
        }
    }

    func cancel(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let id = try context.parameters.id(kind: "task")
        let clear = try QueryReader(request).bool("clear_unique_id") ?? false
        _ = try await env.visibleTask(id: id, for: caller)
        let task = try await env.store.cancelTask(
            id: id, organizationID: caller.organizationID, clearUniqueID: clear, at: env.now)
        return JSONResponse.make(.ok, TaskDTO.bytes(task))
    }

    func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        var reader = try FieldReader(try await JSONBody.read(request))
        let ids = try Self.ids(&reader)
        try reader.rejectUnknownFields()
        let deleted = try await env.store.deleteTasks(
            ids: ids, organizationID: caller.organizationID, testMode: caller.isTest)
        let missing = ids.filter { !Set(deleted).contains($0) }
        return JSONResponse.make(
            value: [
                "deleted": .array(deleted.map(JSONValue.string)), "not_found": .array(missing.map(JSONValue.string)),
            ])
    }

    func setPriority(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        var reader = try FieldReader(try await JSONBody.read(request))
        let ids = try Self.ids(&reader)
        guard let priority = try reader.int("priority", in: TaskSpec.priorityRange) else {
            throw DomainError.invalidField("/priority", "is required")
        }
        try reader.rejectUnknownFields()
        let updated = try await env.store.setPriority(
            priority, ids: ids, organizationID: caller.organizationID, testMode: caller.isTest, at: env.now)
        let skipped = ids.filter { !Set(updated).contains($0) }
        return JSONResponse.make(
            value: ["updated": .array(updated.map(JSONValue.string)), "skipped": .array(skipped.map(JSONValue.string))])
    }

    /// `POST tasks/submit {"ids"}`: staged tasks are offered to workers.
    func submitStaged(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        var reader = try FieldReader(try await JSONBody.read(request))
        let ids = try Self.ids(&reader)
        try reader.rejectUnknownFields()
        let submitted = try await env.store.submitStagedTasks(
            ids: ids, organizationID: caller.organizationID, testMode: caller.isTest, at: env.now)
        let skipped = ids.filter { !Set(submitted).contains($0) }
        return JSONResponse.make(
            value: [
                "submitted": .array(submitted.map(JSONValue.string)), "skipped": .array(skipped.map(JSONValue.string)),
            ])
    }

    static func ids(_ reader: inout FieldReader) throws(DomainError) -> [String] {
        guard let ids = try reader.stringArray("ids", maxCount: 1_000, maxLength: 24) else {
            throw DomainError.invalidField("/ids", "is required")
        }
        for (index, id) in ids.enumerated() where !ObjectIDGenerator.isValid(id) {
            throw DomainError.invalidField("/ids/\(index)", "must be an id of 24 lowercase hex characters")
        }
        return ids
    }

    func setMetadata(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let id = try context.parameters.id(kind: "task")
        var reader = try FieldReader(try await JSONBody.read(request))
        guard let metadata = try reader.object("metadata") else {
            throw DomainError.invalidField("/metadata", "is required")
        }
        let merge = try reader.bool("merge") ?? false
        try reader.rejectUnknownFields()
        _ = try await env.visibleTask(id: id, for: caller)
        let task = try await env.store.updateTask(id: id, organizationID: caller.organizationID, at: env.now) { task in
            var current = merge ? (StoredJSON.object(task.metadata.text)) : JSONObject()
            for (key, value) in metadata { current[key] = value }
            task.metadata = RawJSON(.object(current))
        }
        return JSONResponse.make(.ok, TaskDTO.bytes(task))
    }

    func changeTags(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let id = try context.parameters.id(kind: "task")
        var reader = try FieldReader(try await JSONBody.read(request))
        let set = try reader.stringArray("set", maxCount: 100)
        let add = try reader.stringArray("add", maxCount: 100) ?? []
        let remove = try reader.stringArray("remove", maxCount: 100) ?? []
        try reader.rejectUnknownFields()
        if set == nil && add.isEmpty && remove.isEmpty {
            throw DomainError.invalidField("", "must contain set, add or remove")
        }
        _ = try await env.visibleTask(id: id, for: caller)
        let task = try await env.store.updateTask(id: id, organizationID: caller.organizationID, at: env.now) { task in
            var tags = set ?? task.tags
            for tag in add where !tags.contains(tag) { tags.append(tag) }
            tags.removeAll { remove.contains($0) }
            if tags.count > 100 { throw DomainError.invalidField("/add", "would give the task more than 100 tags") }
            task.tags = tags
        }
        return JSONResponse.make(.ok, TaskDTO.bytes(task))
    }
}
