public import Hummingbird
public import Logging
public import LoupeDomain

/// Who is calling: the organization and how they authenticated.
public struct Caller: Sendable, Equatable {
    /// The caller's organization; every query is scoped to it.
    public var organizationID: String
    /// The API key used, if any.
    public var apiKeyID: String?
    /// Test keys create test-mode work.
    public var mode: APIKeyMode

    /// A caller with the given fields.
    public init(organizationID: String, apiKeyID: String?, mode: APIKeyMode) {
        self.organizationID = organizationID
        self.apiKeyID = apiKeyID
        self.mode = mode
    }
}

/// The request context for every Loupe route.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The authenticated caller, set by `APIKeyAuthenticator`.
    public var caller: Caller?
    /// The id echoed in `X-Request-ID` and in error bodies.
    public var requestID: String

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        requestID = ""
    }

    /// JSON bodies are read through `JSONBody` with per-route limits; this is the default ceiling.
    public var maxUploadSize: Int { 1 << 20 }

    /// The caller, or a 401 when the route was reached unauthenticated.
    public func requireCaller() throws(DomainError) -> Caller {
        guard let caller else { throw DomainError(.unauthorized, "authentication is required") }
        return caller
    }
}
