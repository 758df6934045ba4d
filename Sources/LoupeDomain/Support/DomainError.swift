/// A failure that a person or client can act on: a stable code, a message, and where it went wrong.
///
/// Codes are an open set (a struct, not an enum) so that new ones never break callers;
/// the HTTP layer maps each code to a status in one place.
public struct DomainError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A stable snake_case identifier for the kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The wire form, e.g. `not_found`.
        public let rawValue: String
        /// A code from its wire form.
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The request is malformed: a field is missing, has the wrong type or an invalid value.
        public static let invalidRequest = Code("invalid_request")
        /// The body is not valid JSON (or not valid UTF-8).
        public static let invalidJSON = Code("invalid_json")
        /// Task data or an answer does not match the project's JSON Schema.
        public static let schemaViolation = Code("schema_violation")
        /// A JSON Schema given by the client cannot be used (unknown keyword, a loop, a remote `$ref`).
        public static let invalidSchema = Code("invalid_schema")
        /// No credentials, or credentials that are not valid.
        public static let unauthorized = Code("unauthorized")
        /// Valid credentials that may not do this.
        public static let forbidden = Code("forbidden")
        /// The resource does not exist in the caller's organization.
        public static let notFound = Code("not_found")
        /// A uniqueness rule was violated (a name or a unique id is taken).
        public static let conflict = Code("conflict")
        /// The resource is in a state that does not allow this operation.
        public static let invalidState = Code("invalid_state")
        /// The body is larger than the limit for this route.
        public static let payloadTooLarge = Code("payload_too_large")
        /// Too many attempts; try again later.
        public static let rateLimited = Code("rate_limited")
        /// The capability (e.g. an upload URL) has expired.
        public static let expired = Code("expired")
        /// A server Loupe fetched from for the caller (an attachment's host) failed or sent
        /// something unusable.
        public static let upstreamFailed = Code("upstream_failed")
        /// The database cannot store anything now (full disk, read-only, unreachable); nothing of
        /// the request was kept.
        public static let storageUnavailable = Code("storage_unavailable")
        /// The request (its body) arrived too slowly.
        public static let requestTimeout = Code("request_timeout")
        /// This node is shutting down and takes no new work; another node (or this one after a
        /// restart) will.
        public static let draining = Code("draining")
    }

    /// One field-level problem: a JSON Pointer into the request and what is wrong there.
    public struct Detail: Sendable, Equatable {
        /// JSON Pointer into the request body or a query parameter name, e.g. `/data/url` or `limit`.
        public var path: String
        /// What is wrong, e.g. "must be an integer".
        public var reason: String
        /// A detail at `path`.
        public init(path: String, reason: String) {
            self.path = path
            self.reason = reason
        }
    }

    /// The kind of failure.
    public var code: Code
    /// A sentence for a person.
    public var message: String
    /// Field-level problems, if any.
    public var details: [Detail]
    /// Extra machine-readable facts (e.g. `existing_task_id` for a duplicate unique id).
    public var extra: JSONObject
    /// For a refusal that passes with time (429, 503): seconds until trying again makes sense,
    /// sent as `Retry-After`.
    public var retryAfterSeconds: Int?
    /// Further headers the error response carries (e.g. `RateLimit-Limit`).
    public var responseHeaders: [String: String] = [:]

    /// A failure with a code, message and optional details.
    public init(_ code: Code, _ message: String, details: [Detail] = [], extra: JSONObject = JSONObject()) {
        self.code = code
        self.message = message
        self.details = details
        self.extra = extra
    }

    public var description: String { "\(code): \(message)" }

    /// A bad field: the message names the field and the reason.
    public static func invalidField(_ path: String, _ reason: String) -> DomainError {
        let name = path.isEmpty ? "body" : path
        return DomainError(.invalidRequest, "\(name) \(reason)", details: [Detail(path: path, reason: reason)])
    }

    /// A JSON Schema in the request that Loupe cannot honour: `path` points at the offending keyword.
    public static func invalidSchema(_ path: String, _ reason: String) -> DomainError {
        DomainError(
            .invalidSchema, "\(path) is not a usable JSON Schema: \(reason)",
            details: [Detail(path: path, reason: reason)])
    }

    /// A refusal for now (429) with the seconds after which trying again makes sense.
    public static func rateLimited(_ message: String, retryAfter seconds: Int) -> DomainError {
        var error = DomainError(.rateLimited, message)
        error.retryAfterSeconds = max(1, seconds)
        return error
    }

    /// A missing resource of the given kind.
    public static func notFound(_ kind: String, _ id: String) -> DomainError {
        DomainError(.notFound, "\(kind) \(id) was not found")
    }
}
