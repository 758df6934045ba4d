import HTTPTypes
public import Hummingbird
import LoupeDomain
import LoupeStore
import NIOCore

/// `GET /api/v1/tasks/{id}/pdf?url=…`: a PDF attachment of a task, fetched by the server for the
/// web UI. Browsers show PDFs only in frames that are not sandboxed, so the UI does not frame the
/// attachment's own URL (which could serve a page that runs scripts, or lead to Loupe's own
/// origin): it asks here, where the URL must be one the task's data names, the host passes the
/// outbound address policy, and the body must start with `%PDF-`; the UI frames the bytes as an
/// `application/pdf` blob.
public struct MediaController: Sendable {
    let env: APIEnvironment

    /// A controller over `env`.
    public init(env: APIEnvironment) { self.env = env }

    /// The routes, relative to `/api/v1`.
    public var endpoints: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .get("tasks/:id/pdf", use: pdf)
    }

    func pdf(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireCaller(allowing: [.admin, .requester, .reviewer, .worker])
        let id = try context.parameters.id(kind: "task")
        let task = try await env.visibleTask(id: id, for: caller)
        if caller.roles.isDisjoint(with: [.admin, .requester, .reviewer]) {
            // A worker sees only the tasks it was given.
            guard let worker = caller.userID, try await env.store.workerWasAssigned(taskID: id, workerID: worker)
            else { throw DomainError.notFound("task", id) }
        }
        guard let url = QueryReader(request).string("url"), !url.isEmpty else {
            throw DomainError.invalidField("url", "is required: the attachment's URL as the task's data names it")
        }
        // A URL the task does not name is no attachment of it: a 404, as for a missing task.
        guard Self.names(url, in: try JSONParser.parse(task.data.text)) else {
            throw DomainError(
                .notFound, "task \(id) has no attachment at this url",
                details: [.init(path: "url", reason: "is not an attachment of task \(id)")])
        }
        guard let media = env.media else { throw DomainError(.notFound, "this server does not fetch attachments") }
        let bytes = try await media.fetch(url, maxBytes: env.mediaMaxBytes)
        guard bytes.starts(with: Array("%PDF-".utf8)) else {
            throw DomainError(.upstreamFailed, "the attachment at \(url) is not a PDF file")
        }
        var headers = HTTPFields()
        headers[.contentType] = "application/pdf"
        headers[.init("Content-Disposition")!] = "inline"
        headers[.cacheControl] = "private, max-age=300"
        headers[.xContentTypeOptions] = "nosniff"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// Whether `value` holds the string `url` anywhere.
    static func names(_ url: String, in value: JSONValue) -> Bool {
        switch value {
        case .string(let text): text == url
        case .array(let items): items.contains { names(url, in: $0) }
        case .object(let members): members.contains { names(url, in: $0.value) }
        default: false
        }
    }
}
