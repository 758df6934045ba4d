public import Hummingbird
import LoupeCore
import LoupeDomain
import LoupeStore

/// Scale's batches (`/scale/v1/batches`), addressed by name: `staging` until finalized, then
/// `in_progress` until every task has finished, then `completed`.
public struct ScaleBatches: Sendable {
    let env: APIEnvironment

    /// A controller over `env`.
    public init(env: APIEnvironment) { self.env = env }

    /// The routes, relative to `/scale/v1`.
    public var endpoints: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .post("batches", use: create)
            .get("batches", use: list)
            .get("batches/:name", use: get)
            .post("batches/:name/finalize", use: finalize)
            .get("batches/:name/status", use: status)
            .post("batches/:name/setMetadata", use: setMetadata)
    }

    func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        var reader = try FieldReader(try await ScaleInput.body(request))
        let projectName = try reader.requiredString("project", maxLength: 200)
        let name = try reader.requiredString("name", maxLength: 200)
        let callback = try reader.string("callback", maxLength: 2_048)
        let metadata = try reader.object("metadata") ?? JSONObject()
        if let callback, !callback.isEmpty { try CallbackURL.check(callback, at: "/callback") }
        guard let project = try await env.store.project(named: projectName, organizationID: caller.organizationID)
        else {
            throw DomainError.invalidField("/project", "names no project")
        }
        if try await env.store.batch(named: name, organizationID: caller.organizationID) != nil {
            throw DomainError(.conflict, "Batch with name \(name) already exists")
        }
        let now = env.now
        var batch = Batch(
            id: env.factory.ids.next(), organizationID: caller.organizationID, projectID: project.id,
            clientBatchID: name,
            status: .pending, priority: 0, testMode: caller.mode == .test, metadata: RawJSON(.object(metadata)),
            createdAt: now, updatedAt: now)
        batch.callbackURL = callback?.isEmpty == false ? callback : nil
        guard try await env.store.createBatch(batch, uploadTokenHash: nil).created else {
            throw DomainError(.conflict, "Batch with name \(name) already exists")
        }
        return JSONResponse.make(value: try await value(batch, projectName: project.name))
    }

    func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        let batch = try await named(context)
        return JSONResponse.make(value: try await value(batch))
    }

    func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        var projectID: String?
        if let name = ScaleInput.all(request, "project").last {
            guard let project = try await env.store.project(named: name, organizationID: caller.organizationID) else {
                throw DomainError(.notFound, "Project \(name) not found")
            }
            projectID = project.id
        }
        let wanted = ScaleInput.all(request, "status").last
        let stored: [BatchStatus] =
            switch wanted {
            case nil: []
            case "staging": [.pending]
            case "in_progress", "completed": [.completed]
            default: throw DomainError.invalidField("status", "must be staging, in_progress or completed")
            }
        let offset = Int(ScaleInput.all(request, "offset").last ?? "0") ?? 0
        let limit = min(max(Int(ScaleInput.all(request, "limit").last ?? "100") ?? 100, 1), 100)
        let (batches, total) = try await env.store.namedBatches(
            organizationID: caller.organizationID, testMode: caller.isTest, projectID: projectID, statuses: stored,
            offset: max(0, offset), limit: limit)
        var docs: [JSONValue] = []
        for batch in batches {
            let rendered = try await value(batch)
            if let wanted, rendered.objectValue?["status"]?.stringValue != wanted { continue }
            docs.append(rendered)
        }
        return JSONResponse.make(value: [
            "docs": .array(docs), "totalDocs": .int(Int64(total)), "limit": .int(Int64(limit)),
            "offset": .int(Int64(offset)), "has_more": .bool(offset + batches.count < total),
        ])
    }

    func finalize(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let batch = try await named(context)
        let finalized = try await env.store.transitionBatch(
            id: batch.id, organizationID: caller.organizationID, from: [.pending], to: .completed, at: env.now)
        return JSONResponse.make(value: try await value(finalized ?? batch))
    }

    func status(_ request: Request, context: AppRequestContext) async throws -> Response {
        let batch = try await named(context)
        let counts = try await env.store.taskStatusCounts(batchID: batch.id)
        func count(_ scale: String) -> JSONValue {
            .int(Int64((ScaleTaskJSON.statuses(forScale: scale) ?? []).reduce(0) { $0 + (counts[$1] ?? 0) }))
        }
        return JSONResponse.make(value: [
            "status": .string(Self.status(batch, counts)), "pending": count("pending"), "completed": count("completed"),
            "error": count("error"), "canceled": count("canceled"),
        ])
    }

    func setMetadata(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let batch = try await named(context)
        guard let metadata = try await ScaleInput.body(request).objectValue else {
            throw DomainError.invalidField("", "the metadata must be a JSON object")
        }
        let updated = try await env.store.setBatchMetadata(
            id: batch.id, organizationID: caller.organizationID, metadata: RawJSON(.object(metadata)), now: env.now)
        return JSONResponse.make(value: try await value(updated ?? batch))
    }

    private func named(_ context: AppRequestContext) async throws -> Batch {
        let caller = try context.requireCaller()
        let name = try ScaleInput.name(context)
        guard let batch = try await env.visibleBatch(named: name, for: caller) else {
            throw DomainError(.notFound, "Batch \(name) not found")
        }
        return batch
    }

    /// `staging` before finalize; after it `completed` once no task is left unfinished.
    static func status(_ batch: Batch, _ counts: [TaskStatus: Int]) -> String {
        guard batch.status != .pending else { return "staging" }
        let unfinished = counts.filter { !$0.key.isFinished }.values.reduce(0, +)
        return unfinished == 0 ? "completed" : "in_progress"
    }

    private func value(_ batch: Batch, projectName: String? = nil) async throws -> JSONValue {
        var name = projectName
        if name == nil {
            name = try await env.store.project(id: batch.projectID, organizationID: batch.organizationID)?.name
        }
        let counts = try await env.store.taskStatusCounts(batchID: batch.id)
        return [
            "name": .string(batch.clientBatchID ?? batch.id), "id": .string(batch.id),
            "project": .string(name ?? batch.projectID), "status": .string(Self.status(batch, counts)),
            "created_at": .string(batch.createdAt.iso8601), "callback": .string(batch.callbackURL ?? ""),
            "metadata": (try? JSONParser.parse(batch.metadata.text)) ?? .object(JSONObject()),
            "calibration_batch": false, "self_label_batch": false,
        ]
    }
}
