public import Hummingbird
import LoupeCore
import LoupeDomain
import LoupeStore
import NIOCore
import Prometheus

/// `/health`, `/health/live`, `/health/ready`, `/metrics` and `/api/v1/openapi.json`: the routes
/// that need no API key.
public struct SystemController: Sendable {
    let env: APIEnvironment

    /// A controller over `env`.
    public init(env: APIEnvironment) { self.env = env }

    /// The routes, at the root.
    public var endpoints: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .get("health", use: health)
            .get("health/live", use: live)
            .get("health/ready", use: ready)
            .get("metrics", use: metrics)
            .get("api/v1/openapi.json", use: openAPI)
    }

    func health(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard env.isReady() else {
            return JSONResponse.make(.serviceUnavailable, value: ["status": "starting"])
        }
        return JSONResponse.make(value: ["status": "ok"])
    }

    /// The process answers: for a supervisor deciding whether to restart it.
    func live(_ request: Request, context: AppRequestContext) async throws -> Response {
        JSONResponse.make(value: ["status": "alive"])
    }

    /// Whether to send this node traffic: start-up done (migrations applied), not draining, and
    /// the database answering within two seconds. A 503 names the reason in `status`.
    func ready(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard env.isReady() else { return JSONResponse.make(.serviceUnavailable, value: ["status": "starting"]) }
        guard !env.isDraining() else { return JSONResponse.make(.serviceUnavailable, value: ["status": "draining"]) }
        let store = env.store
        let answered = await withTaskGroup(of: Bool.self) { group in
            group.addTask { (try? await store.ping()) != nil }
            group.addTask {
                try? await Task.sleep(for: .seconds(2))
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
        guard answered else {
            return JSONResponse.make(
                .serviceUnavailable,
                value: ["status": "database_unavailable", "message": "the database did not answer within 2 s"])
        }
        return JSONResponse.make(value: ["status": "ready"])
    }

    func metrics(_ request: Request, context: AppRequestContext) async throws -> Response {
        try Self.checkMetricsAccess(request, context, token: env.metricsToken)
        var buffer: [UInt8] = []
        env.metrics.emit(into: &buffer)
        let (tasks, batches) = try await env.store.statusCounts()
        var text = "# TYPE loupe_tasks gauge\n"
        for status in TaskStatus.allCases {
            text += "loupe_tasks{status=\"\(status.rawValue)\"} \(tasks[status.rawValue] ?? 0)\n"
        }
        text += "# TYPE loupe_batches gauge\n"
        for status in BatchStatus.allCases {
            text += "loupe_batches{status=\"\(status.rawValue)\"} \(batches[status.rawValue] ?? 0)\n"
        }
        // A trivial read timed end to end: waiting for a pooled connection is most of it when the
        // pool is saturated.
        let start = ContinuousClock.now
        let operations = try await env.store.operationalCounts(now: env.now)
        let elapsed = (ContinuousClock.now - start).components
        let readSeconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
        text += Self.gauges([
            ("loupe_outbox_events", "status=\"pending\"", Double(operations.eventsPending)),
            ("loupe_outbox_events", "status=\"delivering\"", Double(operations.eventsDelivering)),
            ("loupe_outbox_events", "status=\"dead\"", Double(operations.eventsDead)),
            ("loupe_outbox_oldest_due_seconds", nil, operations.oldestDueEventSeconds),
            ("loupe_leases", "state=\"active\"", Double(operations.leasesActive)),
            ("loupe_leases", "state=\"expired\"", Double(operations.leasesExpired)),
            ("loupe_database_read_seconds", nil, readSeconds),
            ("loupe_draining", nil, env.isDraining() ? 1 : 0),
        ])
        buffer.append(contentsOf: text.utf8)
        return Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: buffer)))
    }

    /// Prometheus text for gauges given as (name, labels, value), a `# TYPE` line before each name.
    static func gauges(_ samples: [(String, String?, Double)]) -> String {
        var text = ""
        var typed: Set<String> = []
        for (name, labels, value) in samples {
            if typed.insert(name).inserted { text += "# TYPE \(name) gauge\n" }
            text += name + (labels.map { "{\($0)}" } ?? "") + " \(value)\n"
        }
        return text
    }

    func openAPI(_ request: Request, context: AppRequestContext) async throws -> Response {
        JSONResponse.make(.ok, OpenAPIDocument.bytes)
    }

    /// Task counts and traffic are not for anyone: with `LOUPE_METRICS_TOKEN` set, `/metrics`
    /// asks for `Authorization: Bearer <token>`; without it, only loopback peers (a local
    /// Prometheus or sidecar) may read it.
    static func checkMetricsAccess(_ request: Request, _ context: AppRequestContext, token: String?) throws(DomainError)
    {
        if let token {
            guard let header = request.headers[.authorization], header == "Bearer " + token else {
                throw DomainError(
                    .unauthorized, "/metrics needs Authorization: Bearer <LOUPE_METRICS_TOKEN>",
                    details: [.init(path: "Authorization", reason: "is missing or wrong")])
            }
            return
        }
        guard let peer = context.peerAddress, peer.hasPrefix("127.") || peer == "::1" || peer.hasPrefix("::ffff:127.")
        else {
            throw DomainError(
                .forbidden, "/metrics answers loopback clients only; set LOUPE_METRICS_TOKEN to read it from elsewhere")
        }
    }
}
