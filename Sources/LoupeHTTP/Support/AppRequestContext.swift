import Synchronization
public import Hummingbird
public import Logging
public import LoupeDomain
import Foundation
import HTTPTypes
import NIOCore

/// Who is calling: the organization and how they authenticated.
public struct Caller: Sendable, Equatable {
    /// The caller's organization; every query is scoped to it.
    public var organizationID: String
    /// The API key used, if any.
    public var apiKeyID: String?
    /// Test keys create test-mode work.
    public var mode: APIKeyMode
    /// The logged-in user, for session tokens.
    public var userID: String?
    /// What the caller may do; API keys act for the organization (admin and requester).
    public var roles: Set<UserRole>
    /// The session's token hash, for logout.
    public var sessionTokenHash: String?
    /// The logged-in user's worker groups.
    public var groups: [String] = []
    /// A read-only key: any method but GET and HEAD is refused before routing.
    public var readOnly = false

    /// Whether the caller is sandboxed in test mode: it sees and changes only test-mode work.
    public var isTest: Bool { mode == .test }

    /// Whether work created in `testMode` exists for this caller (the other mode's work is a 404 to it).
    public func sees(testMode: Bool) -> Bool { testMode == isTest }

    /// The caller an API key makes: a test key is a sandboxed requester whatever its role; a live key
    /// acts with its role (a read-only key reads as a requester would).
    public init(key: APIKey) {
        let roles: Set<UserRole> =
            switch (key.mode, key.role) {
            case (.live, .admin): [.admin, .requester]
            default: [.requester]
            }
        self.init(organizationID: key.organizationID, apiKeyID: key.id, mode: key.mode, roles: roles)
        readOnly = key.role == .readOnly
    }

    /// A caller with the given fields.
    public init(
        organizationID: String, apiKeyID: String?, mode: APIKeyMode, userID: String? = nil,
        roles: Set<UserRole> = [.admin, .requester], sessionTokenHash: String? = nil
    ) {
        self.organizationID = organizationID
        self.apiKeyID = apiKeyID
        self.mode = mode
        self.userID = userID
        self.roles = roles
        self.sessionTokenHash = sessionTokenHash
    }
}

/// The request context for every Loupe route.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The authenticated caller, set by `APIKeyAuthenticator`.
    public var caller: Caller?
    /// The id echoed in `X-Request-ID` and in error bodies.
    public var requestID: String
    /// What the access log line of this request reports from deeper in the stack (the caller's
    /// organization); present only when the access log is on.
    public var accessRecord: AccessRecord?
    /// The connection, for the peer's address (read only where it matters, such as logins).
    private let channel: (any Channel)?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        requestID = ""
        channel = source.channel
    }

    /// The address of the peer on the other end of the connection, if it is an IP address.
    public var peerAddress: String? { channel?.remoteAddress?.ipAddress }

    /// The client's address: the peer's, or — when the peer is one of `trustedProxies` — the
    /// nearest address in `X-Forwarded-For` that is not a trusted proxy.
    public func clientAddress(_ request: Request, trustedProxies: Set<String>) -> String {
        guard let peer = peerAddress else { return "unknown" }
        guard trustedProxies.contains(peer), let forwarded = request.headers[Self.forwardedFor] else { return peer }
        let hops = forwarded.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        return hops.last { !trustedProxies.contains($0) && !$0.isEmpty } ?? peer
    }

    private static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    /// JSON bodies are read through `JSONBody` with per-route limits; this is the default ceiling.
    public var maxUploadSize: Int { 1 << 20 }

    /// The caller, or a 401 when unauthenticated, or a 403 when it holds none of `roles`
    /// (by default the requester's: managing projects, tasks and batches).
    public func requireCaller(allowing roles: Set<UserRole> = [.admin, .requester]) throws(DomainError) -> Caller {
        guard let caller else { throw DomainError(.unauthorized, "authentication is required") }
        guard !caller.roles.isDisjoint(with: roles) else {
            let names = roles.map(\.rawValue).sorted().joined(separator: " or ")
            throw DomainError(.forbidden, "this needs the \(names) role")
        }
        return caller
    }

    /// As `requireCaller(allowing:)`, and a 403 for a test key: keys, users, workers' figures and
    /// signing secrets belong to the live organization, never to its sandbox.
    public func requireLiveCaller(allowing roles: Set<UserRole> = [.admin, .requester]) throws(DomainError) -> Caller {
        let caller = try requireCaller(allowing: roles)
        guard !caller.isTest else {
            throw DomainError(
                .forbidden, "a test key works only on test-mode tasks, batches, results and deliveries; use a live key",
                details: [.init(path: "Authorization", reason: "is a test key")])
        }
        return caller
    }
}

/// Facts an inner middleware learns about a request for its access log line. Contexts are values
/// passed inward; this box is shared by reference, so the outer middleware sees what was noted.
public final class AccessRecord: Sendable {
    private let organization = Mutex<String?>(nil)

    /// An empty record.
    public init() {}

    /// The caller's organization, once authenticated.
    public var organizationID: String? {
        get { organization.withLock { $0 } }
        set { organization.withLock { $0 = newValue } }
    }
}
