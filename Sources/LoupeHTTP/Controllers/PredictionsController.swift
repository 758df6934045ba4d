public import Hummingbird
import LoupeCore
import LoupeDomain
import LoupeStore

/// `POST projects/{id}/predictions`: labels made elsewhere (COCO or Label Studio JSON) become the
/// starting answers of the project's tasks, found by the image's file name, URL or id.
public struct PredictionsController: Sendable {
    let env: APIEnvironment

    /// A controller over `env`.
    public init(env: APIEnvironment) { self.env = env }

    /// The routes, relative to `/api/v1`.
    public var endpoints: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self).post("projects/:id/predictions", use: importPredictions)
    }

    func importPredictions(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let id = try await env.ownedProjectID(context, caller)
        guard let project = try await env.cachedProject(id: id, organizationID: caller.organizationID) else {
            throw DomainError.notFound("project", id)
        }
        var reader = try FieldReader(try await JSONBody.read(request, limit: env.inlineBatchBodyLimit))
        guard let format = try reader.choice("format", PreAnnotationFormat.self) else {
            throw DomainError.invalidField("/format", "is required: coco or labelstudio")
        }
        let source = try reader.string("source", maxLength: 200) ?? format.rawValue
        let overwrite = try reader.bool("overwrite") ?? false
        // A null or scalar `data` is reported in the answer's failures; only a missing one is refused.
        let data = reader.value("data") ?? .null
        guard reader.has("data") else {
            throw DomainError.invalidField("/data", "is required: the COCO document or Label Studio tasks")
        }
        try reader.rejectUnknownFields()
        let (items, problems) = PreAnnotation.read(data, format: format)
        let index = try await TaskKeyIndex.build(env.store, projectID: id, testMode: caller.mode == .test)
        let schema = try env.factory.schemas.prefillSchema(of: project)
        var updates: [PrefillUpdate] = []
        var unmatched: [JSONValue] = []
        var failures: [JSONValue] = problems.prefix(100).map {
            ["path": .string($0.path), "reason": .string($0.reason)]
        }
        for item in items {
            guard let taskID = index.task(for: item.keys) else {
                if unmatched.count < 100 { unmatched.append(.string(item.keys.first ?? "")) }
                continue
            }
            if let first = schema?.validate(.object(item.answer)).first {
                failures.append([
                    "task_id": .string(taskID), "path": .string("/prefill" + first.path),
                    "reason": .string(first.reason),
                ])
                continue
            }
            var provenance: JSONObject = ["source": .string(source), "format": .string(format.rawValue)]
            if let score = item.score { provenance["score"] = .double(score) }
            updates.append(
                PrefillUpdate(taskID: taskID, prefill: RawJSON(.object(item.answer)), provenance: provenance))
        }
        let (set, kept) = try await env.store.setPrefills(
            updates, organizationID: caller.organizationID, overwrite: overwrite, at: env.now)
        return JSONResponse.make(
            value: [
                "read": .int(Int64(items.count)), "set": .int(Int64(set)), "kept": .int(Int64(kept)),
                "unmatched": .array(unmatched), "failures": .array(failures),
            ])
    }
}

/// The project's live tasks by the strings that name their images: every text value of their
/// data, its last path component (a URL's file name) and their unique id.
struct TaskKeyIndex {
    private var exact: [String: String] = [:]
    private var byFileName: [String: String] = [:]

    /// The index of the project's tasks in the caller's mode, read a page at a time.
    static func build(_ store: Store, projectID: String, testMode: Bool) async throws -> TaskKeyIndex {
        var index = TaskKeyIndex()
        var query = DeliveryQuery(projectID: projectID, testMode: testMode)
        query.statuses = Set(TaskStatus.allCases).subtracting([.canceled])
        query.limit = 2_000
        while true {
            let tasks = try await store.exportPage(query)
            for task in tasks { index.add(task) }
            guard tasks.count == query.limit, let last = tasks.last else { return index }
            query.afterTaskID = last.id
        }
    }

    private mutating func add(_ task: WorkTask) {
        let data = (try? JSONParser.parse(task.data.text).objectValue) ?? [:]
        var names = data.compactMap { $0.value.stringValue }
        if let uniqueID = task.uniqueID { names.append(uniqueID) }
        for name in names {
            if exact[name] == nil { exact[name] = task.id }
            let file = Self.fileName(name)
            if byFileName[file] == nil { byFileName[file] = task.id }
        }
    }

    /// The task one of `keys` names: an exact value first, else a matching file name.
    func task(for keys: [String]) -> String? {
        for key in keys { if let id = exact[key] { return id } }
        for key in keys { if let id = byFileName[Self.fileName(key)] { return id } }
        return nil
    }

    private static func fileName(_ text: String) -> String {
        let path = text.split(separator: "?").first.map(String.init) ?? text
        return path.split(separator: "/").last.map(String.init) ?? path
    }
}
