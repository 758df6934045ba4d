import Crypto
import Foundation
public import Hummingbird
import HummingbirdBcrypt
import LoupeCore
import LoupeDomain
import LoupeStore

/// `/api/v1/auth`: log in with e-mail and password for a session token, and log out.
public struct AuthController: Sendable {
    let env: APIEnvironment

    /// A controller over `env`.
    public init(env: APIEnvironment) { self.env = env }

    /// How long a session lasts.
    public static let sessionSeconds = 12.0 * 3_600

    // Compared against when the e-mail is unknown, so that both failures take as long.

    /// The unauthenticated login route, relative to `/api/v1`.
    public var publicEndpoints: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .post("auth/token", use: login)
    }

    /// The authenticated routes, relative to `/api/v1`.
    public var endpoints: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .post("auth/logout", use: logout)
    }

    func login(_ request: Request, context: AppRequestContext) async throws -> Response {
        var reader = try FieldReader(try await JSONBody.read(request))
        let email = try reader.requiredString("email", maxLength: 254).lowercased()
        let password = try reader.requiredString("password", maxLength: 200)
        try reader.rejectUnknownFields()
        let address = context.clientAddress(request, trustedProxies: env.trustedProxies)
        if let wait = env.loginThrottle.retryAfter(email: email, address: address) {
            throw DomainError.rateLimited("too many failed logins; try again in \(wait) s", retryAfter: wait)
        }
        let user = try await env.store.user(email: email)
        // A decoy check for unknown e-mails, so timing does not tell which exist.
        let verified = try await env.passwords.verify(
            password, against: user?.passwordHash ?? env.passwords.decoy(cost: env.passwordCost))
        guard let user, verified.matches else {
            env.loginThrottle.recordFailure(email: email, address: address)
            throw DomainError(.unauthorized, "wrong e-mail or password")
        }
        env.loginThrottle.recordSuccess(email: email, address: address)
        if verified.needsUpgrade {
            try await env.store.setPasswordHash(
                userID: user.id, organizationID: user.organizationID,
                hash: try await env.passwords.hash(password, cost: env.passwordCost))
        }
        let token = SessionToken.prefix + BatchesController.newToken()
        let now = env.now
        let session = Session(
            tokenHash: APIKeyAuthenticator.hash(token), userID: user.id, organizationID: user.organizationID,
            createdAt: now, expiresAt: now.adding(seconds: Self.sessionSeconds))
        try await env.store.createSession(session)
        return JSONResponse.make(value: [
            "token": .string(token), "expires_at": .string(session.expiresAt.iso8601), "user_id": .string(user.id),
            "roles": .array(user.roles.map { .string($0.rawValue) }),
        ])
    }

    func logout(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireCaller(allowing: Set(UserRole.allCases))
        guard let tokenHash = caller.sessionTokenHash else {
            throw DomainError(.invalidRequest, "logout ends a session; this request was made with an API key")
        }
        try await env.store.deleteSession(tokenHash: tokenHash)
        env.sessionCache.remove(hash: tokenHash)
        return JSONResponse.make(value: ["logged_out": true])
    }
}
