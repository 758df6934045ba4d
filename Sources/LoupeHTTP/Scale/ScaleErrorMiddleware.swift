public import Hummingbird
import LoupeDomain

/// Scale's error shape for everything under `/scale`: `{"error": "<message>", "status_code": N}`,
/// with the status codes the official client maps to its exceptions. Validation failures and
/// refused state changes are 400 (never 409 on task routes without a JSON object body: the
/// client would crash reading `unique_id` from it); a taken name or unique id is 409.
public struct ScaleErrorMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext

    /// The middleware.
    public init() {}

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let (domainError, nativeStatus) = HTTPErrorMapping.classify(error)
            let status: HTTPResponse.Status =
                switch domainError.code {
                case .invalidRequest, .invalidJSON, .schemaViolation, .invalidSchema, .invalidState: .badRequest
                case .conflict: .conflict
                default: nativeStatus
                }
            let body: JSONValue = ["error": .string(domainError.message), "status_code": .int(Int64(status.code))]
            return JSONResponse.make(
                status, body.serializedBytes(), headers: HTTPErrorMapping.headers(for: domainError, status: status))
        }
    }
}
