import Foundation
import HTTPTypes
import LoupeDomain
import Testing

/// Batch creation happens once however it is retried: one batch per `client_batch_id` in a project
/// under 50 concurrent creates, and an `Idempotency-Key` replays the first answer.
@Suite("Batches are created exactly once")
struct BatchExactlyOnceTests {
    @Test func fiftyConcurrentCreatesWithOneClientBatchIDMakeOneBatch() async throws {
        try await TestApp.run { app in
            let project = try await app.createProject()
            let body: JSONValue = ["client_batch_id": "nightly-7", "tasks": [["data": ["n": 1]], ["data": ["n": 2]]]]
            let replies = try await withThrowingTaskGroup(of: Reply.self) { group in
                for _ in 0..<50 {
                    group.addTask { try await app.send(.post, "/api/v1/projects/\(project)/batches", json: body) }
                }
                return try await group.reduce(into: [Reply]()) { $0.append($1) }
            }
            #expect(replies.filter { $0.status == .created }.count == 1)
            #expect(replies.filter { $0.status == .ok && $0.json["existing"] == true }.count == 49)
            #expect(Set(replies.compactMap { $0.json["id"]?.stringValue }).count == 1)
            let batches = try await app.send(.get, "/api/v1/projects/\(project)/batches")
            #expect(batches.json["batches"]?.arrayValue?.count == 1)
            let tasks = try await app.send(.get, "/api/v1/tasks?project=\(project)&include_total=true")
            #expect(tasks.json["total"] == 2)

            // Upload batches too; the upload URL stays with the first creator.
            let upload: JSONValue = ["client_batch_id": "files-1", "upload": true]
            let first = try await app.send(.post, "/api/v1/projects/\(project)/batches", json: upload)
            #expect(first.status == .created)
            #expect(first.json["upload_url"]?.stringValue != nil)
            let again = try await app.send(.post, "/api/v1/projects/\(project)/batches", json: upload)
            #expect(again.status == .ok)
            #expect(again.json["id"] == first.json["id"])
            #expect(again.json["upload_url"] == nil || again.json["upload_url"] == .null)
        }
    }

    @Test func anIdempotencyKeyReplaysTheFirstAnswer() async throws {
        try await TestApp.run { app in
            let project = try await app.createProject()
            let key: HTTPFields = TestApp.live + [HTTPField.Name("Idempotency-Key")!: "retry-me"]
            let body: JSONValue = ["tasks": [["data": ["n": 1]], ["data": ["n": 2]], ["data": ["n": 3]]]]
            let replies = try await withThrowingTaskGroup(of: Reply.self) { group in
                for _ in 0..<50 {
                    group.addTask {
                        try await app.send(.post, "/api/v1/projects/\(project)/batches", json: body, headers: key)
                    }
                }
                return try await group.reduce(into: [Reply]()) { $0.append($1) }
            }
            #expect(replies.allSatisfy { $0.status == .created })
            #expect(Set(replies.compactMap { $0.json["id"]?.stringValue }).count == 1)
            let tasks = try await app.send(.get, "/api/v1/tasks?project=\(project)&include_total=true")
            #expect(tasks.json["total"] == 3, "a retried inline batch does not duplicate its tasks")
            let other = try await app.send(
                .post, "/api/v1/projects/\(project)/batches", json: ["tasks": [["data": ["n": 9]]]], headers: key)
            #expect(other.status == .conflict)
            #expect(other.errorPaths == ["Idempotency-Key"])
        }
    }
}
