public import Hummingbird
public import Prometheus

/// Counts requests and records their latency by route, method and status for `/metrics`.
public struct MetricsMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext

    private let registry: PrometheusCollectorRegistry

    /// A middleware recording into `registry`.
    public init(registry: PrometheusCollectorRegistry) { self.registry = registry }

    /// Latency buckets from 0.5 ms to 10 s.
    static let buckets: [Duration] = [
        .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
        .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
        .seconds(2.5), .seconds(10),
    ]

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let route = context.endpointPath ?? "unmatched"
        let labels = [("route", route), ("method", request.method.rawValue), ("status", String(response.status.code))]
        registry.makeCounter(name: "loupe_http_requests_total", labels: labels).increment()
        registry.makeDurationHistogram(name: "loupe_http_request_duration_seconds", labels: labels, buckets: Self.buckets)
            .record(ContinuousClock.now - start)
        return response
    }
}
