import HTTPTypes
import LoupeDomain
import LoupeTestSupport
import Testing

/// Test keys work in a sandbox: they see and change only test-mode work, and live keys do not see it.
@Suite("Test mode is a sandbox")
struct SandboxTests {
    @Test func aTestKeyNeitherSeesNorChangesLiveWorkAndTheLiveKeyNotTestWork() async throws {
        try await TestApp.run { app in
            let project = try await app.createProject()
            let live = try #require(try await app.createTask(project, ["data": ["n": 1]]).json["id"]?.stringValue)
            let sandboxed = try #require(
                try await app.send(
                    .post, "/api/v1/projects/\(project)/tasks", json: ["data": ["n": 2]], headers: TestApp.test
                )
                .json["id"]?.stringValue)
            let test = TestApp.test

            // Reads: the other mode's task is a 404, and lists hold only the caller's mode.
            #expect(try await app.send(.get, "/api/v1/tasks/\(live)", headers: test).status == .notFound)
            #expect(try await app.send(.get, "/api/v1/tasks/\(sandboxed)").status == .notFound)
            #expect(try await app.send(.get, "/api/v1/tasks/\(sandboxed)", headers: test).status == .ok)
            let listed = try await app.send(.get, "/api/v1/tasks?project=\(project)", headers: test)
            #expect(listed.json["tasks"]?.arrayValue?.compactMap { $0.objectValue?["id"]?.stringValue } == [sandboxed])
            let liveList = try await app.send(.get, "/api/v1/tasks?project=\(project)")
            #expect(liveList.json["tasks"]?.arrayValue?.compactMap { $0.objectValue?["id"]?.stringValue } == [live])
            #expect(try await app.send(.get, "/api/v1/tasks/\(live)/results", headers: test).status == .notFound)
            #expect(try await app.send(.get, "/scale/v1/task/\(live)", headers: test).status == .notFound)

            // Changes: none reaches the live task.
            #expect(try await app.send(.post, "/api/v1/tasks/\(live)/cancel", headers: test).status == .notFound)
            #expect(
                try await app.send(.post, "/api/v1/tasks/\(live)/metadata", json: ["metadata": ["x": 1]], headers: test)
                    .status == .notFound)
            #expect(
                try await app.send(.post, "/api/v1/tasks/\(live)/tags", json: ["add": ["x"]], headers: test).status
                    == .notFound)
            #expect(
                try await app.send(.post, "/api/v1/tasks/\(live)/reject", json: ["reason": "no"], headers: test).status
                    == .notFound)
            #expect(try await app.send(.post, "/scale/v1/task/\(live)/cancel", headers: test).status == .notFound)
            let priority = try await app.send(
                .post, "/api/v1/tasks/priority", json: ["ids": [.string(live)], "priority": 9], headers: test)
            #expect(priority.json["skipped"] == [.string(live)])
            let deleted = try await app.send(
                .post, "/api/v1/tasks/delete", json: ["ids": [.string(live)]], headers: test)
            #expect(deleted.json["not_found"] == [.string(live)])
            let untouched = try await app.send(.get, "/api/v1/tasks/\(live)")
            #expect(untouched.json["status"] == "pending")
            #expect(untouched.json["priority"] == 0)
            #expect(untouched.json["tags"] == [])

            // Batches: the other mode's batch is a 404 and lists keep to the caller's mode.
            let liveBatch = try #require(
                try await app.send(.post, "/api/v1/projects/\(project)/batches", json: ["tasks": [["data": ["n": 3]]]])
                    .json["id"]?.stringValue)
            #expect(try await app.send(.get, "/api/v1/batches/\(liveBatch)", headers: test).status == .notFound)
            #expect(try await app.send(.post, "/api/v1/batches/\(liveBatch)/cancel", headers: test).status == .notFound)
            let batches = try await app.send(.get, "/api/v1/projects/\(project)/batches", headers: test)
            #expect(batches.json["batches"] == [])

            // Organization-wide powers are the live organization's.
            #expect(try await app.send(.get, "/api/v1/keys", headers: test).status == .forbidden)
            #expect(try await app.send(.post, "/api/v1/keys", json: ["name": "x"], headers: test).status == .forbidden)
            #expect(try await app.send(.get, "/api/v1/users", headers: test).status == .forbidden)
            let admin = try await app.send(
                .post, "/api/v1/users",
                json: ["email": "evil@example.com", "password": "0123456789", "roles": ["admin"]],
                headers: test)
            #expect(admin.status == .forbidden)
            #expect(
                try await app.send(.get, "/api/v1/projects/\(project)/webhook-secrets", headers: test).status
                    == .forbidden)
        }
    }

    @Test func keysCarryARoleAndAReadOnlyKeyOnlyReads() async throws {
        try await TestApp.run { app in
            let badTestAdmin = try await app.send(
                .post, "/api/v1/keys", json: ["name": "x", "mode": "test", "role": "admin"])
            #expect(badTestAdmin.status == .badRequest)
            #expect(badTestAdmin.errorPaths == ["/role"])
            #expect(
                try await app.send(.post, "/api/v1/keys", json: ["name": "x", "role": "owner"]).errorPaths == ["/role"])
            let created = try await app.send(.post, "/api/v1/keys", json: ["name": "dashboards", "role": "read_only"])
            #expect(created.json["role"] == "read_only")
            let reader: HTTPFields = [.authorization: "Bearer \(try #require(created.json["key"]?.stringValue))"]
            let project = try await app.createProject()
            #expect(try await app.send(.get, "/api/v1/projects/\(project)", headers: reader).status == .ok)
            let write = try await app.send(
                .post, "/api/v1/projects/\(project)/tasks", json: ["data": [:]], headers: reader)
            #expect(write.status == .forbidden)
            #expect(try await app.send(.get, "/api/v1/tasks", headers: reader).json["tasks"] == [])
            let keys = try await app.send(.get, "/api/v1/keys").json["keys"]?.arrayValue ?? []
            let roles = Set(keys.compactMap { $0.objectValue?["role"]?.stringValue })
            #expect(roles == ["admin", "requester", "read_only"])
        }
    }
}
