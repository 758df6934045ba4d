public import HTTPTypes
public import Hummingbird
import Logging
import LoupeDomain

/// The middleware around every route, inside only the metrics: gives every request an id
/// (`X-Request-ID`, echoed if the client sent a sane one), turns every failure into the JSON error
/// body, and logs failures — and, with the access log on, one line per request (method, route,
/// status, latency, request id, organization).
public struct ErrorMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext

    /// The header carrying the request id.
    public static let requestIDHeader = HTTPField.Name("X-Request-ID")!

    private let makeID: @Sendable () -> String
    private let accessLog: Bool

    /// A middleware that numbers requests with `makeID` and logs each at info when `accessLog`.
    public init(makeID: @escaping @Sendable () -> String, accessLog: Bool = false) {
        self.makeID = makeID
        self.accessLog = accessLog
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        var context = context
        if accessLog { context.accessRecord = AccessRecord() }
        let offered = request.headers[Self.requestIDHeader]
        context.requestID =
            if let offered, (1...128).contains(offered.utf8.count),
                offered.utf8.allSatisfy({ $0 > 32 && $0 < 127 })
            {
                offered
            } else {
                makeID()
            }
        // The id goes into log calls' metadata rather than the logger: changing a logger's
        // metadata re-renders it on every request, a measurable cost on the hot paths.
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            let (domainError, status) = HTTPErrorMapping.classify(error)
            if status.code >= 500 {
                context.logger.error(
                    "request failed",
                    metadata: ["request_id": "\(context.requestID)", "error": "\(String(reflecting: error))"])
            } else {
                context.logger.debug(
                    "request rejected", metadata: ["request_id": "\(context.requestID)", "code": "\(domainError.code)"])
            }
            var headers = HTTPErrorMapping.headers(for: domainError, status: status)
            if status == .unauthorized { headers[.wwwAuthenticate] = "Basic realm=\"loupe\", Bearer" }
            response = JSONResponse.make(
                status, HTTPErrorMapping.body(domainError, requestID: context.requestID), headers: headers)
        }
        response.headers[Self.requestIDHeader] = context.requestID
        if let record = context.accessRecord {
            let elapsed = (ContinuousClock.now - start).components
            let milliseconds = Double(elapsed.seconds) * 1_000 + Double(elapsed.attoseconds) / 1e15
            var metadata: Logger.Metadata = [
                "request_id": "\(context.requestID)", "method": "\(request.method.rawValue)",
                "path": "\(request.uri.path)", "route": "\(context.endpointPath ?? "unmatched")",
                "status": .stringConvertible(Int(response.status.code)),
                "latency_ms": .stringConvertible((milliseconds * 1_000).rounded() / 1_000),
            ]
            if let organization = record.organizationID { metadata["organization"] = "\(organization)" }
            context.logger.info("request", metadata: metadata)
        }
        return response
    }
}
