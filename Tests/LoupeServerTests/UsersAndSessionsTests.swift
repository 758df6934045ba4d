import HTTPTypes
import LoupeDomain
import Testing

@Suite("Users and sessions")
struct UsersAndSessionsTests {
    static func bearer(_ token: String) -> HTTPFields { [.authorization: "Bearer \(token)"] }

    @Test func createLoginUseAndLogout() async throws {
        try await TestApp.run { app in
            let created = try await app.send(
                .post, "/api/v1/users",
                json: [
                    "email": "Worker@Example.com", "password": "correct horse", "roles": ["worker"],
                    "groups": ["night"],
                ])
            #expect(created.status == .created)
            #expect(created.json["email"] == "worker@example.com")
            #expect(created.json["password_hash"] == nil)
            let userID = try #require(created.json["id"]?.stringValue)
            let duplicate = try await app.send(
                .post, "/api/v1/users",
                json: ["email": "worker@example.com", "password": "correct horse", "roles": ["worker"]])
            #expect(duplicate.status == .conflict)

            let login = try await app.send(
                .post, "/api/v1/auth/token", json: ["email": "worker@example.com", "password": "correct horse"],
                headers: [:])
            #expect(login.status == .ok)
            #expect(login.json["user_id"] == .string(userID))
            #expect(login.json["expires_at"]?.stringValue?.hasSuffix("Z") == true)
            let token = try #require(login.json["token"]?.stringValue)

            #expect(try await app.send(.get, "/api/v1/users/\(userID)", headers: Self.bearer(token)).status == .ok)
            let forbidden = try await app.send(.get, "/api/v1/projects", headers: Self.bearer(token))
            #expect(forbidden.status == .forbidden)
            #expect(forbidden.errorCode == "forbidden")
            #expect(try await app.send(.post, "/api/v1/auth/logout", headers: Self.bearer(token)).status == .ok)
            #expect(
                try await app.send(.get, "/api/v1/users/\(userID)", headers: Self.bearer(token)).status == .unauthorized
            )
        }
    }

    @Test func requesterSessionsManageProjects() async throws {
        try await TestApp.run { app in
            _ = try await app.send(
                .post, "/api/v1/users",
                json: ["email": "req@example.com", "password": "0123456789", "roles": ["requester"]])
            let login = try await app.send(
                .post, "/api/v1/auth/token", json: ["email": "req@example.com", "password": "0123456789"], headers: [:])
            let token = try #require(login.json["token"]?.stringValue)
            let project = try await app.send(
                .post, "/api/v1/projects", json: ["name": "From a session", "type": "categorization"],
                headers: Self.bearer(token))
            #expect(project.status == .created)
            #expect(try await app.send(.get, "/api/v1/keys", headers: Self.bearer(token)).status == .forbidden)
            let admin = try await app.send(
                .post, "/api/v1/users",
                json: ["email": "boss@example.com", "password": "0123456789", "roles": ["admin"]],
                headers: Self.bearer(token))
            #expect(admin.status == .forbidden)
        }
    }

    @Test func wrongPasswordsAreVagueAndThrottled() async throws {
        try await TestApp.run { app in
            _ = try await app.send(
                .post, "/api/v1/users", json: ["email": "w@example.com", "password": "0123456789", "roles": ["worker"]])
            let unknown = try await app.send(
                .post, "/api/v1/auth/token", json: ["email": "nobody@example.com", "password": "0123456789"],
                headers: [:])
            let wrong = try await app.send(
                .post, "/api/v1/auth/token", json: ["email": "w@example.com", "password": "wrong-password"],
                headers: [:])
            #expect(unknown.status == .unauthorized && wrong.status == .unauthorized)
            #expect(unknown.json["error"]?.objectValue?["message"] == wrong.json["error"]?.objectValue?["message"])
            for _ in 0..<4 {
                _ = try await app.send(
                    .post, "/api/v1/auth/token", json: ["email": "w@example.com", "password": "wrong-password"],
                    headers: [:])
            }
            let throttled = try await app.send(
                .post, "/api/v1/auth/token", json: ["email": "w@example.com", "password": "0123456789"], headers: [:])
            #expect(throttled.status == .tooManyRequests)
        }
    }

    @Test func badUserInputNamesTheField() async throws {
        try await TestApp.run { app in
            let short = try await app.send(
                .post, "/api/v1/users", json: ["email": "a@b.io", "password": "short", "roles": ["worker"]])
            #expect(short.errorPaths == ["/password"])
            let role = try await app.send(
                .post, "/api/v1/users", json: ["email": "a@b.io", "password": "0123456789", "roles": ["boss"]])
            #expect(role.errorPaths == ["/roles/0"])
            let email = try await app.send(
                .post, "/api/v1/users", json: ["email": "nope", "password": "0123456789", "roles": ["worker"]])
            #expect(email.errorPaths == ["/email"])
            let garbled = try await app.send(.get, "/api/v1/projects", headers: Self.bearer("lps_forged"))
            #expect(garbled.status == .unauthorized)
        }
    }
}
