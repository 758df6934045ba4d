public import HTTPTypes
public import Hummingbird
public import LoupeDomain
import LoupeStore
import NIOCore

/// The one table from failures to HTTP statuses, and the error body every route answers with:
/// `{"error": {"code", "message", "details": [{"path", "reason"}]}, "request_id"}`.
public enum HTTPErrorMapping {
    /// The status for a domain error code.
    public static func status(for code: DomainError.Code) -> HTTPResponse.Status {
        switch code {
        case .invalidRequest, .invalidJSON: .badRequest
        case .schemaViolation, .invalidSchema: .unprocessableContent
        case .unauthorized: .unauthorized
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .conflict, .invalidState: .conflict
        case .payloadTooLarge: .contentTooLarge
        case .rateLimited: .tooManyRequests
        case .expired: .gone
        case .upstreamFailed: .badGateway
        case .storageUnavailable, .draining: .serviceUnavailable
        case .requestTimeout: .requestTimeout
        default: .badRequest
        }
    }

    /// Any error as a domain error and status; unknown errors become a 500 that reveals nothing.
    public static func classify(_ error: any Error) -> (DomainError, HTTPResponse.Status) {
        switch error {
        case let error as DomainError:
            return (error, status(for: error.code))
        case is NIOTooManyBytesError:
            let message = "the body is larger than the limit for this route"
            return (
                DomainError(.payloadTooLarge, message, details: [.init(path: "", reason: message)]), .contentTooLarge
            )
        case let error as JSONSyntaxError:
            return (DomainError(.invalidJSON, "the body is not valid JSON: \(error)"), .badRequest)
        case SQLError.unavailable(let reason):
            var unavailable = DomainError(
                .storageUnavailable,
                "the database cannot store anything right now (\(reason)); nothing of this request was kept: try again")
            unavailable.retryAfterSeconds = 5
            return (unavailable, .serviceUnavailable)
        case SQLError.busy:
            var busy = DomainError(.storageUnavailable, "the database is busy; nothing was changed: try again")
            busy.retryAfterSeconds = 1
            return (busy, .serviceUnavailable)
        case let error as HTTPError:
            let code: DomainError.Code =
                switch error.status {
                case .notFound: .notFound
                case .contentTooLarge: .payloadTooLarge
                case .unauthorized: .unauthorized
                case .methodNotAllowed: DomainError.Code("method_not_allowed")
                default: error.status.code < 500 ? .invalidRequest : DomainError.Code("internal_error")
                }
            let message =
                switch error.status {
                case .contentTooLarge: "the body is larger than the limit for this route"
                case .notFound: "no such route"
                default: error.body ?? error.status.reasonPhrase
                }
            return (
                DomainError(code, message, details: code == .payloadTooLarge ? [.init(path: "", reason: message)] : []),
                error.status
            )
        default:
            return (DomainError(DomainError.Code("internal_error"), "internal error"), .internalServerError)
        }
    }

    /// The headers an error response carries beyond its body: `Retry-After` on every 429 and
    /// 503 (1 s unless the error knows better), and the auth challenge on a 401.
    public static func headers(for error: DomainError, status: HTTPResponse.Status) -> HTTPFields {
        var headers = HTTPFields()
        for (name, value) in error.responseHeaders {
            if let field = HTTPField.Name(name) { headers[field] = value }
        }
        if let seconds = error.retryAfterSeconds {
            headers[.retryAfter] = String(seconds)
        } else if status == .tooManyRequests || status == .serviceUnavailable {
            headers[.retryAfter] = "1"
        }
        return headers
    }

    /// The JSON error body.
    public static func body(_ error: DomainError, requestID: String) -> [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("error")
        writer.beginObject()
        writer.key("code")
        writer.string(error.code.rawValue)
        writer.key("message")
        writer.string(error.message)
        writer.key("details")
        writer.beginArray()
        for detail in error.details {
            writer.beginObject()
            writer.key("path")
            writer.string(detail.path)
            writer.key("reason")
            writer.string(detail.reason)
            writer.endObject()
        }
        writer.endArray()
        for (key, value) in error.extra {
            writer.key(key)
            writer.value(value)
        }
        writer.endObject()
        writer.key("request_id")
        writer.string(requestID)
        writer.endObject()
        return writer.bytes
    }
}
