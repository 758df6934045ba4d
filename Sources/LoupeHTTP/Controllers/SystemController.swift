public import Hummingbird
import LoupeCore
import LoupeDomain
import LoupeStore
import NIOCore
import Prometheus

/// `/health`, `/metrics` and `/api/v1/openapi.json`: the routes that need no API key.
public struct SystemController: Sendable {
    let env: APIEnvironment

    /// A controller over `env`.
    public init(env: APIEnvironment) { self.env = env }

    /// The routes, at the root.
    public var endpoints: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .get("health", use: health)
            .get("metrics", use: metrics)
            .get("api/v1/openapi.json", use: openAPI)
    }

    func health(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard env.isReady() else {
            return JSONResponse.make(.serviceUnavailable, value: ["status": "starting"])
        }
        return JSONResponse.make(value: ["status": "ok"])
    }

    func metrics(_ request: Request, context: AppRequestContext) async throws -> Response {
        var buffer: [UInt8] = []
        env.metrics.emit(into: &buffer)
        let (tasks, batches) = try await env.store.statusCounts()
        var text = "# TYPE loupe_tasks gauge\n"
        for status in TaskStatus.allCases { text += "loupe_tasks{status=\"\(status.rawValue)\"} \(tasks[status.rawValue] ?? 0)\n" }
        text += "# TYPE loupe_batches gauge\n"
        for status in BatchStatus.allCases { text += "loupe_batches{status=\"\(status.rawValue)\"} \(batches[status.rawValue] ?? 0)\n" }
        buffer.append(contentsOf: text.utf8)
        return Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: buffer)))
    }

    func openAPI(_ request: Request, context: AppRequestContext) async throws -> Response {
        JSONResponse.make(.ok, OpenAPIDocument.bytes)
    }
}
