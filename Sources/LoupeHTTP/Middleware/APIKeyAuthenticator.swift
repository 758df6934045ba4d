public import Hummingbird
import Crypto
import Foundation
import LoupeDomain
public import LoupeStore

/// Authenticates `/api/v1` requests by API key (`Authorization: Bearer <key>`, or HTTP Basic with
/// the key as user name and an empty password) or by a session token from `/auth/token`
/// (`Bearer lps_…`). Both are looked up by their SHA-256 hash.
public struct APIKeyAuthenticator: RouterMiddleware {
    public typealias Context = AppRequestContext

    private let store: Store
    private let cache: APIKeyCache
    private let sessions: SessionCache
    private let credentials: [CredentialScheme]
    private let budget: RequestBudget

    /// An authenticator reading keys and sessions from `store` through the caches, from wherever
    /// `credentials` say a request carries them.
    public init(
        store: Store, cache: APIKeyCache, sessions: SessionCache,
        credentials: [CredentialScheme] = CredentialScheme.standard,
        budget: RequestBudget = .unlimited
    ) {
        self.store = store
        self.cache = cache
        self.sessions = sessions
        self.credentials = credentials
        self.budget = budget
    }

    /// An authenticator over `env`'s store and caches, reading credentials as `credentials` say.
    public init(env: APIEnvironment, credentials: [CredentialScheme] = CredentialScheme.standard) {
        self.init(
            store: env.store, cache: env.keyCache, sessions: env.sessionCache, credentials: credentials,
            budget: env.requestBudget)
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let key = try credentials.credential(in: request) else {
            throw DomainError(
                .unauthorized, "missing credentials: use \(CredentialScheme.describe(credentials))",
                details: [.init(path: "Authorization", reason: "is required")])
        }
        let hash = Self.hash(key)
        if key.hasPrefix(SessionToken.prefix) {
            let now = Timestamp.now()
            var entry = sessions.value(hash: hash)
            if entry == nil, let (session, user) = try await store.session(tokenHash: hash, now: now) {
                entry = SessionEntry(session: session, user: user)
                sessions.store(
                    entry!, hash: hash, validFor: Double(session.expiresAt.microseconds - now.microseconds) / 1_000_000)
            }
            guard let session = entry?.session, let user = entry?.user else {
                throw DomainError(
                    .unauthorized, "the session has expired or ended; log in again",
                    details: [.init(path: "Authorization", reason: "unknown or expired session")])
            }
            var context = context
            context.caller = Caller(
                organizationID: session.organizationID, apiKeyID: nil, mode: .live, userID: user.id,
                roles: Set(user.roles), sessionTokenHash: hash)
            context.caller?.groups = user.groups
            context.accessRecord?.organizationID = session.organizationID
            return try await next(request, context)
        }
        let cached = cache.value(hash: hash)
        var record = cached
        if record == nil { record = try await store.apiKey(hash: hash) }
        guard let record else {
            throw DomainError(
                .unauthorized, "the API key is not valid",
                details: [.init(path: "Authorization", reason: "unknown or revoked key")])
        }
        if cached == nil { cache.store(record, hash: hash) }
        let caller = Caller(key: record)
        do {
            try budget.take(keyID: record.id, organizationID: record.organizationID)
        } catch {
            var refused = DomainError.rateLimited(
                "this \(error.scope == "key" ? "API key" : "organization") is over its request budget; retry in \(error.retryAfter) s",
                retryAfter: error.retryAfter)
            refused.responseHeaders = [
                "RateLimit-Limit": String(error.limit), "RateLimit-Remaining": "0",
                "RateLimit-Reset": String(error.retryAfter),
            ]
            throw refused
        }
        if caller.readOnly && request.method != .get && request.method != .head {
            throw DomainError(
                .forbidden, "this API key is read-only",
                details: [.init(path: "Authorization", reason: "is a read_only key")])
        }
        var context = context
        context.caller = caller
        context.accessRecord?.organizationID = caller.organizationID
        return try await next(request, context)
    }

    private static let garbled = DomainError(
        .unauthorized,
        "the Authorization header is malformed: use \"Bearer <api key>\" or Basic with the key as user name",
        details: [.init(path: "Authorization", reason: "is malformed")])

    /// The key an Authorization header value carries under `scheme`, nil when the header uses
    /// another scheme; a header of this scheme that is malformed throws.
    static func key(from header: String, scheme: CredentialScheme) throws(DomainError) -> String? {
        let utf8 = header.utf8
        guard let space = utf8.firstIndex(of: UInt8(ascii: " ")) else { throw Self.garbled }
        let name = header.utf8[..<space]
        let credential = header[header.index(after: space)...].drop { $0 == " " }
        func named(_ expected: String) -> Bool {
            name.count == expected.utf8.count
                && name.lazy.map(Self.lowercased).elementsEqual(expected.lowercased().utf8)
        }
        switch scheme {
        case .bearer where named("bearer"):
            guard !credential.isEmpty, credential.utf8.count <= 512, !credential.utf8.contains(UInt8(ascii: " "))
            else { throw Self.garbled }
            return String(credential)
        case .authorization(let expected) where named(expected):
            guard !credential.isEmpty, credential.utf8.count <= 512, !credential.utf8.contains(UInt8(ascii: " "))
            else { throw Self.garbled }
            return String(credential)
        case .basic where named("basic"):
            guard let data = Data(base64Encoded: String(credential)), let text = String(data: data, encoding: .utf8)
            else {
                throw Self.garbled
            }
            let user =
                text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            guard !user.isEmpty, user.utf8.count <= 512 else { throw Self.garbled }
            return user
        default:
            return nil
        }
    }

    /// A header of a scheme none of the accepted ones names.
    static func unknownScheme() -> DomainError { garbled }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (65...90).contains(byte) ? byte + 32 : byte
    }

    /// Hex SHA-256 of a key, as stored.
    public static func hash(_ key: String) -> String {
        Hex.encode(SHA256.hash(data: Data(key.utf8)))
    }
}
