public import Hummingbird
import HummingbirdBcrypt
import LoupeCore
public import LoupeDomain
import LoupeStore

/// `/api/v1/users`: people who log in (requesters, workers, reviewers, admins).
public struct UsersController: Sendable {
    let env: APIEnvironment

    /// A controller over `env`.
    public init(env: APIEnvironment) { self.env = env }

    /// The routes, relative to `/api/v1`.
    public var endpoints: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .post("users", use: create)
            .get("users", use: list)
            .get("users/:id", use: get)
    }

    func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireLiveCaller()
        var reader = try FieldReader(try await JSONBody.read(request))
        let email = try User.checkedEmail(try reader.requiredString("email", maxLength: 254))
        let password = try reader.requiredString("password", maxLength: 200)
        try User.checkPassword(password)
        let roles = try User.roles(try reader.stringArray("roles", maxCount: 4, maxLength: 20) ?? [])
        if roles.contains(.admin) && !caller.roles.contains(.admin) {
            throw DomainError(.forbidden, "only an admin may create another admin")
        }
        let groups = try reader.stringArray("groups", maxCount: 100, maxLength: 100) ?? []
        try reader.rejectUnknownFields()
        let user = User(
            id: env.factory.ids.next(), organizationID: caller.organizationID, email: email,
            passwordHash: try await env.passwords.hash(password, cost: env.passwordCost), roles: roles, groups: groups,
            createdAt: env.now)
        try await env.store.createUser(user)
        return JSONResponse.make(.created, value: UserDTO.value(user))
    }

    func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireLiveCaller()
        let window = try PageWindow(QueryReader(request), scope: "users|\(caller.organizationID)", cursor: env.cursor)
        let users = try await env.store.users(
            organizationID: caller.organizationID, afterID: window.afterID, limit: window.fetchLimit)
        let (page, next) = window.page(users, id: \.id)
        return JSONResponse.make(
            value: ["users": .array(page.map(UserDTO.value)), "next_token": next.map(JSONValue.string) ?? .null])
    }

    func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireLiveCaller(allowing: Set(UserRole.allCases))
        let id = try context.parameters.id(kind: "user")
        let isSelf = caller.userID == id
        guard isSelf || !caller.roles.isDisjoint(with: [.admin, .requester]) else {
            throw DomainError(.forbidden, "a worker or reviewer may only read their own user")
        }
        guard let user = try await env.store.user(id: id, organizationID: caller.organizationID) else {
            throw DomainError.notFound("user", id)
        }
        return JSONResponse.make(value: UserDTO.value(user))
    }
}

/// The native API's JSON form of a user (never the password hash).
public enum UserDTO {
    /// The user as a JSON value.
    public static func value(_ user: User) -> JSONValue {
        let object: JSONObject = [
            "id": .string(user.id), "email": .string(user.email),
            "roles": .array(user.roles.map { .string($0.rawValue) }),
            "groups": .array(user.groups.map(JSONValue.string)),
            "created_at": .string(user.createdAt.iso8601),
        ]
        return .object(object)
    }
}
