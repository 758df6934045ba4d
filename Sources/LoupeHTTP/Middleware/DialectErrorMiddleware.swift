public import Hummingbird
public import LoupeDomain

/// A dialect's error shape for everything under its prefix: every error is classified once (as
/// the native API does, `HTTPErrorMapping`), then the dialect picks the status and body its
/// vendor's clients expect. Headers such as `Retry-After` follow the chosen status.
public struct DialectErrorMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext

    /// Turns a classified error and Loupe's status into the dialect's status and body.
    public typealias Render = @Sendable (DomainError, HTTPResponse.Status) -> (HTTPResponse.Status, JSONValue)

    private let render: Render

    /// A middleware rendering errors with `render`.
    public init(_ render: @escaping Render) { self.render = render }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let (domainError, nativeStatus) = HTTPErrorMapping.classify(error)
            let (status, body) = render(domainError, nativeStatus)
            return JSONResponse.make(
                status, body.serializedBytes(), headers: HTTPErrorMapping.headers(for: domainError, status: status))
        }
    }
}
