public import Hummingbird
import LoupeCore
import LoupeDomain
import LoupeStore
import NIOCore

/// Scale's v1 task routes (`/scale/v1/task…`), translated onto the core: the same task factory,
/// unique ids, queue, review, audits and callbacks as the native API, in Scale's shapes.
public struct ScaleTasksController: Sendable {
    let env: APIEnvironment

    /// A controller over `env`.
    public init(env: APIEnvironment) { self.env = env }

    /// The routes, relative to `/scale/v1`.
    public var endpoints: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            // One parameter name for `task/{type}` (create) and `task/{id}` (read): the router needs it.
            .post("task/:id", use: create)
            .get("task/:id", use: get)
            .get("task/:id/segmentation/:image", use: segmentationImage)
            .get("tasks", use: list)
            .post("task/:id/cancel", use: cancel)
            .post("task/:id/audit", use: audit)
            .post("task/:id/unique_id", use: setUniqueID)
            .delete("task/:id/unique_id", use: clearUniqueID)
            .post("task/:id/setMetadata", use: setMetadata)
            .post("task/:id/tags", use: { try await changeTags($0, $1) { _, new in new } })
            .put(
                "task/:id/tags",
                use: { try await changeTags($0, $1) { old, new in old + new.filter { !old.contains($0) } } }
            )
            .delete(
                "task/:id/tags", use: { try await changeTags($0, $1) { old, new in old.filter { !new.contains($0) } } })
    }

    /// The fields every task type shares; the rest of the body is the type's `params`.
    static let commonFields: Set<String> = [
        "project", "batch", "callback_url", "metadata", "unique_id", "tags", "urgency", "instruction", "priority",
        "project_param_version", "clear_unique_id",
    ]

    func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let type = try ScaleInput.name(context, "id")
        guard let body = try await ScaleInput.body(request).objectValue else {
            throw DomainError.invalidField("", "the body must be a JSON object (or form fields)")
        }
        var reader = FieldReader(body)
        let projectName = try reader.string("project", maxLength: 200, allowEmpty: false)
        let batchName = try reader.string("batch", maxLength: 200, allowEmpty: false)
        let instruction = try reader.string("instruction", maxLength: 100_000) ?? ""
        let version = try reader.int("project_param_version", in: -1...1_000_000)
        var params = JSONObject(body.filter { !Self.commonFields.contains($0.key) }.map { ($0.key, $0.value) })
        // Storage providers' preview links become direct downloads, as Scale's reference promises.
        params = ScaleAttachments.withDirectDownloadLinks(params)
        if let problem = AnnotationTaskRules.violations(type: type, params: params).first {
            throw DomainError.invalidField(problem.path, problem.reason)
        }
        let project = try await ScaleProjects.resolve(projectName, type: type, caller: caller, env: env)
        try env.factory.checkAcceptsTasks(project)
        var batch: Batch?
        if let batchName {
            guard let found = try await env.visibleBatch(named: batchName, for: caller),
                found.projectID == project.id
            else { throw DomainError.invalidField("/batch", "names no batch of project \(project.name)") }
            batch = found
        }
        params["instruction"] = .string(ScaleProjects.instruction(instruction, project: project, version: version))
        var spec = TaskSpec(data: .object(params))
        spec.uniqueID = try reader.string("unique_id", maxLength: 256, allowEmpty: false)
        spec.metadata = try reader.object("metadata") ?? JSONObject()
        spec.tags = try reader.stringArray("tags", maxCount: 100) ?? []
        spec.urgency = try TaskUrgency.read(&reader)
        spec.callbackURL = try reader.string("callback_url", maxLength: 2_048, allowEmpty: false)
        if let url = spec.callbackURL { try CallbackURL.check(url, at: "/callback_url") }
        var task = try env.factory.makeTask(spec, project: project, testMode: caller.mode == .test, batch: batch)
        task.type = type
        task.dialect = ScaleDialect.id
        task.awaitsAttachmentCheck = env.fetchesAttachments && !ScaleAttachments.urls(in: params).isEmpty
        _ = try await env.store.createTask(task)
        env.countCreated(1)
        return try await respond(task, request)
    }

    func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await respond(try await task(context), request)
    }

    func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let (filter, knownProject) = try await ScaleTaskQuery.filter(request, caller: caller, env: env)
        let limit = try ScaleTaskQuery.limit(request)
        let offset = try ScaleTaskQuery.offset(request)
        let scope = "scale-tasks|\(filter)"
        let afterID = try ScaleInput.all(request, "next_token").last.map { token throws(DomainError) in
            try env.cursor.lastID(from: token, scope: scope)
        }
        var tasks: [WorkTask] = []
        var total = 0
        if knownProject {
            let found = try await env.store.tasks(
                matching: filter, afterID: afterID, offset: offset, limit: limit + 1, countTotal: true)
            tasks = found.tasks
            total = found.total ?? 0
        }
        let page = Array(tasks.prefix(limit))
        let next = tasks.count > limit ? page.last.map { env.cursor.token(lastID: $0.id, scope: scope) } : nil
        let limited = ScaleInput.flag(request, "limited_response")
        let contexts = try await env.store.taskContexts(for: page)
        let base = env.baseURL(request)
        let docs = page.map { task in
            var context = contexts[task.id] ?? Self.fallback(task)
            context.linkBase = base
            return ScaleTaskJSON.value(task, context, limited: limited)
        }
        return JSONResponse.make(value: [
            "docs": .array(docs), "total": .int(Int64(total)), "limit": .int(Int64(limit)),
            "offset": .int(Int64(offset)),
            "has_more": .bool(next != nil), "next_token": next.map(JSONValue.string) ?? .null,
        ])
    }

    func cancel(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let id = try context.parameters.id(kind: "task")
        _ = try await task(context)
        let task = try await env.store.cancelTask(
            id: id, organizationID: caller.organizationID, clearUniqueID: ScaleInput.flag(request, "clear_unique_id"),
            at: env.now)
        return try await respond(task, request)
    }

    func audit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let id = try context.parameters.id(kind: "task")
        _ = try await task(context)
        var reader = try FieldReader(try await ScaleInput.body(request))
        guard let accepted = try reader.bool("accepted") else {
            throw DomainError.invalidField("/accepted", "is required")
        }
        let comments = try reader.string("comments", maxLength: 10_000)
        let task = try await env.store.auditTask(
            id: id, organizationID: caller.organizationID, accepted: accepted, comments: comments, now: env.now)
        return try await respond(task, request)
    }

    func setUniqueID(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let id = try context.parameters.id(kind: "task")
        _ = try await task(context)
        var reader = try FieldReader(try await ScaleInput.body(request))
        let uniqueID = try reader.requiredString("unique_id", maxLength: 256)
        let task = try await env.store.setUniqueID(
            uniqueID, taskID: id, organizationID: caller.organizationID, now: env.now)
        return try await respond(task, request)
    }

    func clearUniqueID(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let id = try context.parameters.id(kind: "task")
        _ = try await task(context)
        let task = try await env.store.setUniqueID(nil, taskID: id, organizationID: caller.organizationID, now: env.now)
        return try await respond(task, request)
    }

    func setMetadata(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let id = try context.parameters.id(kind: "task")
        _ = try await task(context)
        guard let metadata = try await ScaleInput.body(request).objectValue else {
            throw DomainError.invalidField("", "the metadata must be a JSON object")
        }
        let task = try await env.store.updateTask(id: id, organizationID: caller.organizationID, at: env.now) {
            $0.metadata = RawJSON(.object(metadata))
        }
        return try await respond(task, request)
    }

    func changeTags(
        _ request: Request, _ context: AppRequestContext, _ change: @escaping @Sendable ([String], [String]) -> [String]
    )
        async throws -> Response
    {
        let caller = try context.requireCaller()
        let id = try context.parameters.id(kind: "task")
        let body = try await ScaleInput.body(request)
        let tags: [String]
        switch body {
        case .array(let values):
            tags = try values.enumerated().map { index, value throws(DomainError) in
                guard let tag = value.stringValue, !tag.isEmpty, tag.utf8.count <= 200 else {
                    throw DomainError.invalidField("/\(index)", "must be a tag of 1 to 200 bytes")
                }
                return tag
            }
        case .object(let object) where object.isEmpty: tags = []
        default: throw DomainError.invalidField("", "the body must be a JSON array of tags")
        }
        _ = try await task(context)
        let task = try await env.store.updateTask(id: id, organizationID: caller.organizationID, at: env.now) {
            $0.tags = change($0.tags, tags)
        }
        return try await respond(task, request)
    }

    /// The route's task as the caller sees it (a task of the other mode is not found).
    private func task(_ context: AppRequestContext) async throws -> WorkTask {
        let caller = try context.requireCaller()
        let id = try context.parameters.id(kind: "task")
        guard let task = try await env.store.task(id: id, organizationID: caller.organizationID),
            caller.sees(testMode: task.testMode)
        else { throw DomainError(.notFound, "Task not found") }
        return task
    }

    private func respond(_ task: WorkTask, _ request: Request) async throws -> Response {
        var context = try await env.store.taskContexts(for: [task])[task.id] ?? Self.fallback(task)
        context.linkBase = env.baseURL(request)
        return JSONResponse.make(value: ScaleTaskJSON.value(task, context))
    }

    /// `GET task/{id}/segmentation/{image}.png`: an image of a segmentation answer (a label's mask,
    /// the unlabeled area, the combined colour image or the indexed label map).
    func segmentationImage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let task = try await task(context)
        let name = try ScaleInput.name(context, "image")
        let data = (try? JSONParser.parse(task.data.text))?.objectValue ?? JSONObject()
        guard name.hasSuffix(".png"), task.type == "segmentannotation",
            let answer = task.response.flatMap({ try? JSONParser.parse($0.text) })?.objectValue,
            let segmentation = Segmentation(answer: answer, params: data),
            let png = segmentation.image(named: String(name.dropLast(4)))
        else { throw DomainError(.notFound, "No such segmentation image") }
        return Response(
            status: .ok, headers: [.contentType: "image/png", .cacheControl: "private, max-age=3600"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: png)))
    }

    static func fallback(_ task: WorkTask) -> TaskContext {
        TaskContext(projectName: task.projectID, batchName: task.batchID)
    }
}
