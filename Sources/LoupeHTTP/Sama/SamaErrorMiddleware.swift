public import Hummingbird
import LoupeDomain

/// Sama's error body for everything under `/sama`: `{"error": "<message>", "errors": [{path,
/// reason}]}` with Loupe's status codes (any status of 400 or more is an `HTTPError` to the client;
/// 502–504 are never sent after a change, since the client retries them).
public enum SamaErrorMiddleware {
    /// The middleware.
    public static func make() -> DialectErrorMiddleware {
        DialectErrorMiddleware { error, status in
            let details = error.details.map {
                JSONValue.object(["path": .string(SamaTaskJSON.samaReason($0.path)), "reason": .string($0.reason)])
            }
            return (status, ["error": .string(SamaTaskJSON.samaReason(error.message)), "errors": .array(details)])
        }
    }
}
