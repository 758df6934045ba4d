import Foundation
import HTTPTypes
import LoupeDomain
import LoupeServer
import Testing

@Suite("Web UI: static files and the routes the browser uses")
struct WebUIAPITests {
    /// Creates a user with `roles` and returns its id and a session header.
    static func login(_ app: TestApp, _ email: String, roles: [String], groups: [String] = []) async throws -> (
        String, HTTPFields
    ) {
        let created = try await app.send(
            .post, "/api/v1/users",
            json: [
                "email": .string(email), "password": "0123456789", "roles": .array(roles.map(JSONValue.string)),
                "groups": .array(groups.map(JSONValue.string)),
            ])
        let userID = try #require(created.json["id"]?.stringValue)
        let token = try #require(
            try await app.send(
                .post, "/api/v1/auth/token", json: ["email": .string(email), "password": "0123456789"], headers: [:]
            )
            .json["token"]?.stringValue)
        return (userID, [.authorization: "Bearer \(token)"])
    }

    @Test func theUIIsServedAtTheRootWithSecurityHeaders() async throws {
        try await TestApp.run { app in
            let index = try await app.send(.get, "/", headers: [:])
            #expect(index.status == .ok)
            #expect(index.headers[.contentType]?.hasPrefix("text/html") == true)
            let policy = index.headers[.contentSecurityPolicy] ?? ""
            #expect(policy.contains("script-src 'self'"))
            // No plugins; frames only for sandboxed web pages (http/https) and PDFs shown as blobs.
            #expect(policy.contains("object-src 'none'"))
            #expect(policy.contains("frame-src https: http: blob:;"))
            #expect(!policy.contains("frame-src *"))
            #expect(String(decoding: index.bytes, as: UTF8.self).contains("/js/app.js"))
            let script = try await app.send(.get, "/js/app.js", headers: [:])
            #expect(script.status == .ok)
            #expect(script.headers[.contentType]?.contains("javascript") == true)
            #expect(script.headers[.xContentTypeOptions] == "nosniff")
            #expect(script.headers[.eTag] != nil)
            let missingRoute = try await app.send(.get, "/api/v1/nowhere")
            #expect(missingRoute.status == .notFound)
            #expect(missingRoute.headers[.contentType]?.hasPrefix("application/json") == true)
            #expect(try await app.send(.get, "/js/../../Package.swift", headers: [:]).status != .ok)
            #expect(try await app.send(.get, "/no-such-file.js", headers: [:]).status == .notFound)
        }
    }

    @Test func aConfiguredWebRootReplacesTheBuiltUI() async throws {
        let folder = NSTemporaryDirectory() + "loupe-web-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data("<!doctype html><title>custom UI</title>".utf8).write(to: URL(fileURLWithPath: folder + "/index.html"))
        #expect(AppConfiguration.fromEnvironment(["LOUPE_WEB_ROOT": folder]).webRoot == folder)
        try await TestApp.run(configure: { $0.webRoot = folder }) { app in
            let index = try await app.send(.get, "/", headers: [:])
            #expect(String(decoding: index.bytes, as: UTF8.self).contains("custom UI"))
            #expect(try await app.send(.get, "/js/app.js", headers: [:]).status == .notFound)
        }
    }

    @Test func meAndPreferencesRoundTrip() async throws {
        try await TestApp.run { app in
            let (userID, worker) = try await Self.login(app, "me@x.io", roles: ["worker"], groups: ["night"])
            let me = try await app.send(.get, "/api/v1/me", headers: worker)
            #expect(me.status == .ok)
            let user = try #require(me.json["user"]?.objectValue)
            #expect(user["id"] == .string(userID))
            #expect(user["groups"] == ["night"])
            #expect(user["preferences"] == .object([:]))
            let saved = try await app.send(
                .put, "/api/v1/me/preferences", json: ["shortcuts": ["work.submit": ["Ctrl+S"]]], headers: worker)
            #expect(saved.status == .ok)
            let again = try await app.send(.get, "/api/v1/me", headers: worker)
            #expect(again.json["user"]?.objectValue?["preferences"] == ["shortcuts": ["work.submit": ["Ctrl+S"]]])
            let bad = try await app.send(
                .put, "/api/v1/me/preferences", json: ["shortcuts": ["work.submit": "Ctrl+S"]], headers: worker)
            #expect(bad.status == .badRequest)
            #expect(bad.errorPaths == ["/shortcuts/work.submit"])
            let unknown = try await app.send(.put, "/api/v1/me/preferences", json: ["theme": "dark"], headers: worker)
            #expect(unknown.status == .badRequest)
            #expect(try await app.send(.get, "/api/v1/me").status == .forbidden)
        }
    }

    @Test func myProjectsFollowStrategiesGroupsAndReviewers() async throws {
        try await TestApp.run { app in
            let (workerID, worker) = try await Self.login(app, "w@x.io", roles: ["worker"], groups: ["night"])
            let (reviewerID, reviewer) = try await Self.login(app, "r@x.io", roles: ["reviewer"])
            func project(_ name: String, _ settings: JSONValue) async throws -> String {
                let reply = try await app.send(
                    .post, "/api/v1/projects",
                    json: ["name": .string(name), "type": "categorization", "settings": settings])
                return try #require(reply.json["id"]?.stringValue)
            }
            let open = try await project("open", ["overlap": 1])
            let night = try await project(
                "night",
                ["workers": ["group": "night"], "review": ["strategy": "manual", "user_ids": [.string(reviewerID)]]])
            let day = try await project("day", ["workers": ["group": "day"]])
            let listed = try await project(
                "listed", ["workers": ["strategy": "full", "user_ids": [.string(workerID)]]])
            _ = try await project(
                "others",
                [
                    "workers": ["strategy": "full", "user_ids": ["0123456789abcdef01234567"]],
                    "review": ["strategy": "manual", "user_ids": ["0123456789abcdef01234567"]],
                ])
            let mine = try await app.send(.get, "/api/v1/me/projects", headers: worker)
            let names = mine.json["projects"]?.arrayValue?.compactMap { $0.objectValue?["id"]?.stringValue } ?? []
            #expect(Set(names) == [open, night, listed])
            let reviews = try await app.send(.get, "/api/v1/me/projects", headers: reviewer)
            let reviewable = reviews.json["projects"]?.arrayValue?.compactMap { $0.objectValue } ?? []
            #expect(Set(reviewable.compactMap { $0["id"]?.stringValue }) == [open, night, day, listed])
            #expect(reviewable.allSatisfy { $0["can_work"] == false && $0["can_review"] == true })
            for number in 0..<3 { _ = try await app.createTask(night, ["data": ["n": .int(Int64(number))]]) }
            let lease = try await app.send(
                .post, "/api/v1/work/next", json: ["project_id": .string(night)], headers: worker)
            let assignmentID = try #require(lease.json["assignment"]?.objectValue?["id"]?.stringValue)
            _ = try await app.send(
                .post, "/api/v1/assignments/\(assignmentID)/submit", json: ["answer": ["category": "dog"]],
                headers: worker)
            _ = try await app.send(
                .post, "/api/v1/projects/\(night)/tasks", json: ["data": ["n": 9]], headers: TestApp.test)
            let counted =
                try await app.send(.get, "/api/v1/me/projects", headers: worker).json["projects"]?.arrayValue ?? []
            let nightEntry = try #require(counted.compactMap(\.objectValue).first { $0["id"] == .string(night) })
            #expect(nightEntry["open_tasks"] == 2)
            #expect(nightEntry["in_review"] == 1)
        }
    }

    @Test func projectStatsCountStatusesAndCompletionsPerHour() async throws {
        try await TestApp.run { app in
            let projectID = try await app.createProject()
            for number in 0..<3 { _ = try await app.createTask(projectID, ["data": ["n": .int(Int64(number))]]) }
            let (_, worker) = try await Self.login(app, "w@x.io", roles: ["worker"])
            let lease = try await app.send(
                .post, "/api/v1/work/next", json: ["project_id": .string(projectID)], headers: worker)
            let assignmentID = try #require(lease.json["assignment"]?.objectValue?["id"]?.stringValue)
            let submitted = try await app.send(
                .post, "/api/v1/assignments/\(assignmentID)/submit", json: ["answer": ["category": "dog"]],
                headers: worker)
            #expect(submitted.json["assignment"]?.objectValue?["task_status"] == "completed")
            let stats = try await app.send(.get, "/api/v1/projects/\(projectID)/stats?hours=24")
            #expect(stats.status == .ok)
            #expect(stats.json["counts"] == ["completed": 1, "pending": 2])
            let throughput = try #require(stats.json["throughput"]?.objectValue)
            #expect(throughput["bucket_seconds"] == 3600)
            let points = throughput["points"]?.arrayValue ?? []
            #expect(points.count == 24)
            #expect(points.last?.objectValue?["completed"] == 1)
            #expect(points.dropLast().allSatisfy { $0.objectValue?["completed"] == 0 })
            let bad = try await app.send(.get, "/api/v1/projects/\(projectID)/stats?bucket_seconds=5")
            #expect(bad.status == .badRequest)
            #expect(bad.errorPaths == ["bucket_seconds"])
            #expect(try await app.send(.get, "/api/v1/projects/0123456789abcdef01234567/stats").status == .notFound)
            #expect(
                try await app.send(.get, "/api/v1/projects/\(projectID)/stats", headers: worker).status == .forbidden)
        }
    }
}
