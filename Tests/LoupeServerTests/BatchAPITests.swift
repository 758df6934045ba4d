import Foundation
import HTTPTypes
import LoupeDomain
import Testing

@Suite("Batches over HTTP")
struct BatchAPITests {
    @Test func uploadFinalizeAndPollWithOneBrokenLine() async throws {
        try await TestApp.run { app in
            let project = try await app.createProject()
            let created = try await app.send(
                .post, "/api/v1/projects/\(project)/batches", json: ["upload": true, "client_batch_id": "b-1"])
            #expect(created.status == .created)
            let batch = try #require(created.json["id"]?.stringValue)
            let url = try #require(created.json["upload_url"]?.stringValue)
            let path = String(url[try #require(url.range(of: "/api/v1/uploads/"))!.lowerBound...])
            let early = try await app.send(.post, "/api/v1/batches/\(batch)/finalize")
            #expect(early.status == .conflict)
            var lines = (0..<10_000).map { "{\"data\": {\"url\": \"https://example.com/\($0).jpg\"}}" }
            lines[777] = "{\"data\": oops}"
            let upload = try await app.send(.put, path, raw: Array(lines.joined(separator: "\n").utf8), headers: [:])
            #expect(upload.status == .ok)
            #expect(try await app.send(.put, "/api/v1/uploads/not-a-token", raw: [1], headers: [:]).status == .notFound)
            #expect(try await app.send(.post, "/api/v1/batches/\(batch)/finalize").status == .accepted)
            var status = ""
            var reply: Reply?
            for _ in 0..<300 where status != "completed" {
                try await Task.sleep(for: .milliseconds(50))
                reply = try await app.send(.get, "/api/v1/batches/\(batch)")
                status = reply?.json["status"]?.stringValue ?? ""
            }
            let final = try #require(reply)
            #expect(status == "completed")
            #expect(final.json["counts"] == ["total": 10_000, "created": 9_999, "failed": 1])
            #expect(final.json["failures"]?.arrayValue?.first?.objectValue?["index"] == .int(777))
            let tasks = try await app.send(.get, "/api/v1/tasks?batch=\(batch)&include_total=true&limit=1")
            #expect(tasks.json["total"] == .int(9_999))
        }
    }

    @Test func inlineBatchCreatesGoodItemsAndReportsBadOnes() async throws {
        try await TestApp.run { app in
            let project = try await app.createProject(
                schema: ["type": "object", "required": ["url"], "properties": ["url": ["type": "string"]]])
            let reply = try await app.send(
                .post, "/api/v1/projects/\(project)/batches",
                json: [
                    "tasks": [["data": ["url": "a"]], ["data": ["url": 1]], ["nodata": true], ["data": ["url": "b"]]]
                ])
            #expect(reply.status == .created)
            #expect(reply.json["status"] == "completed")
            #expect(reply.json["counts"] == ["total": 4, "created": 2, "failed": 2])
            let failures = reply.json["failures"]?.arrayValue?.compactMap { $0.objectValue?["index"]?.intValue }
            #expect(failures == [1, 2])
            let tooMany = try await app.send(
                .post, "/api/v1/projects/\(project)/batches",
                json: ["tasks": .array(Array(repeating: ["data": ["url": "a"]], count: 1_001))])
            #expect(tooMany.status == .badRequest)
            #expect(tooMany.errorPaths == ["/tasks"])
        }
    }

    @Test func cancelStopsABatch() async throws {
        try await TestApp.run { app in
            let project = try await app.createProject()
            let batch = try #require(
                try await app.send(.post, "/api/v1/projects/\(project)/batches", json: ["upload": true]).json["id"]?
                    .stringValue)
            #expect(try await app.send(.post, "/api/v1/batches/\(batch)/cancel").json["status"] == "canceled")
            #expect(try await app.send(.post, "/api/v1/batches/\(batch)/cancel").status == .conflict)
        }
    }
}
