public import Hummingbird
public import Prometheus
import Synchronization

/// Counts requests and records their latency by route, method and status for `/metrics`. It wraps
/// `ErrorMiddleware`, so failures arrive here as the responses they are answered with.
public struct MetricsMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext

    private let series: RequestSeries

    /// A middleware recording into `registry`.
    public init(registry: PrometheusCollectorRegistry) { series = RequestSeries(registry: registry) }

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
        let (requests, duration) = series.collectors(
            route: context.endpointPath ?? "unmatched", method: request.method, status: response.status.code)
        requests.increment()
        duration.record(ContinuousClock.now - start)
        return response
    }
}

/// The collectors of each route, method and status seen so far. The registry checks names and
/// labels and looks them up under its lock on every call; a request only needs that once per series.
private final class RequestSeries: Sendable {
    private struct Key: Hashable {
        let route: String
        let method: HTTPRequest.Method
        let status: Int
    }

    private let registry: PrometheusCollectorRegistry
    private let known = Mutex<[Key: (Counter, DurationHistogram)]>([:])

    init(registry: PrometheusCollectorRegistry) { self.registry = registry }

    /// The request counter and latency histogram of one series, registered on first use.
    func collectors(route: String, method: HTTPRequest.Method, status: Int) -> (Counter, DurationHistogram) {
        let key = Key(route: route, method: method, status: status)
        if let found = known.withLock({ $0[key] }) { return found }
        let labels = [("route", route), ("method", method.rawValue), ("status", String(status))]
        let made = (
            registry.makeCounter(name: "loupe_http_requests_total", labels: labels),
            registry.makeDurationHistogram(
                name: "loupe_http_request_duration_seconds", labels: labels, buckets: MetricsMiddleware.buckets)
        )
        known.withLock { $0[key] = made }
        return made
    }
}
