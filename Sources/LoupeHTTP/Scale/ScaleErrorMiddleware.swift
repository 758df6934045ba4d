public import Hummingbird
import LoupeDomain

/// Scale's error shape for everything under `/scale`: `{"error": "<message>", "status_code": N}`,
/// with the status codes the official client maps to its exceptions. Validation failures and
/// refused state changes are 400 (never 409 on task routes without a JSON object body: the
/// client would crash reading `unique_id` from it); a taken name or unique id is 409.
public enum ScaleErrorMiddleware {
    /// The middleware.
    public static func make() -> DialectErrorMiddleware {
        DialectErrorMiddleware { error, nativeStatus in
            let status: HTTPResponse.Status =
                switch error.code {
                case .invalidRequest, .invalidJSON, .schemaViolation, .invalidSchema, .invalidState: .badRequest
                case .conflict: .conflict
                default: nativeStatus
                }
            return (status, ["error": .string(error.message), "status_code": .int(Int64(status.code))])
        }
    }
}
