public import Hummingbird
import LoupeCore
public import LoupeDomain
import LoupeStore

/// `/api/v1/callback-auth-keys`: the keys dialects send in their callbacks' auth header (such as
/// `scale-callback-auth`), one for live and one for test work, so receivers can check where a
/// callback comes from. Admins read and rotate them; never a test key.
public struct CallbackAuthKeysController: Sendable {
    let env: APIEnvironment

    /// A controller over `env`.
    public init(env: APIEnvironment) { self.env = env }

    /// The routes, relative to `/api/v1`.
    public var endpoints: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .get("callback-auth-keys", use: list)
            .post("callback-auth-keys/:dialect/:mode/rotate", use: rotate)
    }

    func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireLiveCaller(allowing: [.admin])
        var entries: [JSONValue] = []
        for (id, header) in headers {
            for mode in [APIKeyMode.live, .test] {
                let key = try await env.store.callbackAuthKey(
                    organizationID: caller.organizationID, dialect: id, testMode: mode == .test)
                entries.append(Self.entry(id, header: header, mode: mode, key: key))
            }
        }
        return JSONResponse.make(value: ["keys": .array(entries)])
    }

    func rotate(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireLiveCaller(allowing: [.admin])
        let name = context.parameters.get("dialect") ?? ""
        guard let (id, header) = headers.first(where: { $0.0.rawValue == name }) else {
            throw DomainError.notFound("callback auth key of dialect", name)
        }
        guard let mode = APIKeyMode(rawValue: context.parameters.get("mode") ?? "") else {
            throw DomainError.invalidField("mode", "must be live or test")
        }
        let key = try await env.store.rotateCallbackAuthKey(
            organizationID: caller.organizationID, dialect: id, testMode: mode == .test)
        return JSONResponse.make(value: Self.entry(id, header: header, mode: mode, key: key))
    }

    /// The registered dialects that send an auth header, with that header.
    private var headers: [(DialectID, String)] {
        env.dialects.ids.compactMap { id in env.dialects.dialect(id).callbackAuthHeader.map { (id, $0) } }
    }

    private static func entry(_ id: DialectID, header: String, mode: APIKeyMode, key: String) -> JSONValue {
        [
            "dialect": .string(id.rawValue), "header": .string(header), "mode": .string(mode.rawValue),
            "key": .string(key),
        ]
    }
}
