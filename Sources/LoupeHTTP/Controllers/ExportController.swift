public import Hummingbird
import LoupeCore
import LoupeDomain
import LoupeStore
import NIOCore

/// `GET projects/{id}/export?format=jsonl|csv|coco|yolo|voc&batch=&since=&status=`: the project's
/// completed tasks (or with `status=all` or a comma list, its tasks in those statuses), streamed
/// in chunks as they are read, never the whole project in memory.
public struct ExportController: Sendable {
    let env: APIEnvironment

    /// A controller over `env`.
    public init(env: APIEnvironment) { self.env = env }

    /// The routes, relative to `/api/v1`.
    public var endpoints: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self).get("projects/:id/export", use: export)
    }

    func export(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let id = try await env.ownedProjectID(context, caller)
        let reader = QueryReader(request)
        let formats = ExportFormat.allCases.map(\.rawValue).joined(separator: ", ")
        guard let format = ExportFormat(rawValue: reader.string("format") ?? "jsonl") else {
            throw DomainError.invalidField("format", "must be one of: \(formats)")
        }
        var query = DeliveryQuery(projectID: id, testMode: caller.mode == .test)
        query.batchID = try reader.id("batch")
        query.completedAfter = try reader.timestamp("since")
        query.statuses = try TaskStatus.exportSelection(reader.string("status"), field: "status")
        let labels = ExportLabels.of(
            params: try await env.cachedProject(id: id, organizationID: caller.organizationID)?.params ?? [:])
        let exporter = TaskExporter(store: env.store)
        let selection = query
        let exportedAt = env.now
        let body = ResponseBody { writer in
            try await exporter.export(format, query: selection, exportedAt: exportedAt, labels: labels) { bytes in
                try await writer.write(ByteBuffer(bytes: bytes))
            }
            try await writer.finish(nil)
        }
        let filename = "project-\(id).\(format.fileExtension)"
        return Response(
            status: .ok,
            headers: [
                .contentType: format.contentType, .contentDisposition: "attachment; filename=\"\(filename)\"",
                .xContentTypeOptions: "nosniff", .cacheControl: "no-store",
            ],
            body: body)
    }
}
