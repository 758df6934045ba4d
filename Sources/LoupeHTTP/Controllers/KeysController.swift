public import Hummingbird
import LoupeCore
public import LoupeDomain
import LoupeStore

/// `/api/v1/keys`: list, create (the key is shown once) and revoke API keys. Admins only, live only.
public struct KeysController: Sendable {
    let env: APIEnvironment

    /// A controller over `env`.
    public init(env: APIEnvironment) { self.env = env }

    /// The routes, relative to `/api/v1`.
    public var endpoints: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .get("keys", use: list)
            .post("keys", use: create)
            .post("keys/:id/revoke", use: revoke)
    }

    func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireLiveCaller(allowing: [.admin])
        let keys = try await env.store.apiKeys(organizationID: caller.organizationID)
        return JSONResponse.make(value: ["keys": .array(keys.map { APIKeyDTO.value($0) })])
    }

    func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireLiveCaller(allowing: [.admin])
        var reader = try FieldReader(try await JSONBody.read(request))
        let name = try reader.requiredString("name", maxLength: 200)
        let mode = try reader.choice("mode", APIKeyMode.self) ?? .live
        let role = try reader.choice("role", APIKeyRole.self) ?? .requester
        try reader.rejectUnknownFields()
        if mode == .test && role == .admin {
            throw DomainError.invalidField("/role", "a test key is sandboxed and cannot be an admin key")
        }
        let (record, secret) = APIKeyMaker.make(
            name: name, mode: mode, role: role, organizationID: caller.organizationID, ids: env.factory.ids,
            now: env.now)
        try await env.store.createAPIKey(record)
        return JSONResponse.make(.created, value: APIKeyDTO.value(record, secret: secret))
    }

    func revoke(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireLiveCaller(allowing: [.admin])
        let id = try context.parameters.id(kind: "key")
        guard let key = try await env.store.revokeAPIKey(id: id, organizationID: caller.organizationID, at: env.now)
        else { throw DomainError.notFound("key", id) }
        env.keyCache.remove(hash: key.hash)
        return JSONResponse.make(value: APIKeyDTO.value(key))
    }
}

/// Makes new API keys: `live_` or `test_` followed by 40 random base62 characters.
public enum APIKeyMaker {
    private static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

    /// A new key and its stored record. `secret` overrides the random key (for `LOUPE_API_KEY`).
    public static func make(
        name: String, mode: APIKeyMode, role: APIKeyRole = .requester, organizationID: String, ids: ObjectIDGenerator,
        now: Timestamp, secret: String? = nil
    ) -> (APIKey, String) {
        var generator = SystemRandomNumberGenerator()
        let key =
            secret ?? (mode.rawValue + "_" + String((0..<40).map { _ in alphabet.randomElement(using: &generator)! }))
        let record = APIKey(
            id: ids.next(), organizationID: organizationID, name: name, mode: mode, role: role,
            prefix: String(key.prefix(9)),
            hash: APIKeyAuthenticator.hash(key), createdAt: now)
        return (record, key)
    }
}
