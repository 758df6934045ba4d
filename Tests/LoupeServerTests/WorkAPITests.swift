import HTTPTypes
import LoupeDomain
import Testing

@Suite("Work over HTTP")
struct WorkAPITests {
    @Test func aWorkerLeasesSubmitsAndTheTaskCompletes() async throws {
        try await TestApp.run { app in
            let project = try await app.send(
                .post, "/api/v1/projects",
                json: [
                    "name": "Work", "type": "categorization", "instruction": "Pick one",
                    "delivery_schema": [
                        "type": "object", "required": ["category"],
                        "properties": ["category": ["enum": ["cat", "dog"]]],
                    ],
                ])
            let projectID = try #require(project.json["id"]?.stringValue)
            let taskID = try #require(
                try await app.createTask(projectID, ["data": ["url": "https://x.io/1.jpg"]]).json["id"]?.stringValue)
            _ = try await app.send(
                .post, "/api/v1/users", json: ["email": "w@x.io", "password": "0123456789", "roles": ["worker"]])
            let token = try #require(
                try await app.send(
                    .post, "/api/v1/auth/token", json: ["email": "w@x.io", "password": "0123456789"], headers: [:]
                )
                .json["token"]?.stringValue)
            let worker: HTTPFields = [.authorization: "Bearer \(token)"]
            #expect(try await app.send(.post, "/api/v1/work/next").status == .forbidden)
            let lease = try await app.send(
                .post, "/api/v1/work/next", json: ["project_id": .string(projectID)], headers: worker)
            #expect(lease.status == .ok)
            let assignment = try #require(lease.json["assignment"]?.objectValue)
            #expect(assignment["task"]?.objectValue?["id"] == .string(taskID))
            #expect(assignment["task"]?.objectValue?["instruction"] == "Pick one")
            let assignmentID = try #require(assignment["id"]?.stringValue)
            #expect(try await app.send(.post, "/api/v1/work/next", headers: worker).status == .noContent)
            #expect(
                try await app.send(.post, "/api/v1/assignments/\(assignmentID)/heartbeat", headers: worker).status
                    == .ok)
            let invalid = try await app.send(
                .post, "/api/v1/assignments/\(assignmentID)/submit", json: ["answer": ["category": "cow"]],
                headers: worker)
            #expect(invalid.status == .unprocessableContent)
            #expect(invalid.errorPaths == ["/answer/category"])
            let submitted = try await app.send(
                .post, "/api/v1/assignments/\(assignmentID)/submit", json: ["answer": ["category": "dog"]],
                headers: worker)
            #expect(submitted.json["assignment"]?.objectValue?["task_status"] == "completed")
            let again = try await app.send(
                .post, "/api/v1/assignments/\(assignmentID)/submit", json: ["answer": ["category": "dog"]],
                headers: worker)
            #expect(again.status == .conflict)
            let task = try await app.send(.get, "/api/v1/tasks/\(taskID)")
            #expect(task.json["status"] == "completed")
            #expect(task.json["response"] == ["category": "dog"])
        }
    }
}
