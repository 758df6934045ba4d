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

    /// An answer of 64 KiB or more is parsed, checked and serialized off the request threads,
    /// against the task read before the write: the task type's rules and the delivery schema
    /// still hold for it exactly as for a small one, and it is stored whole.
    @Test func aLargeAnswerIsCheckedByTheSameRules() async throws {
        try await TestApp.run { app in
            let project = try await app.send(
                .post, "/api/v1/projects",
                json: [
                    "name": "Large", "type": "categorization", "params": ["categories": ["cat", "dog"]],
                    "delivery_schema": [
                        "type": "object", "required": ["category", "note"],
                        "properties": ["category": ["type": "string"], "note": ["type": "string", "pattern": "^a+$"]],
                    ],
                ])
            let projectID = try #require(project.json["id"]?.stringValue)
            let taskID = try #require(try await app.createTask(projectID, ["data": ["n": 1]]).json["id"]?.stringValue)
            for email in ["w@x.io", "v@x.io"] {
                _ = try await app.send(
                    .post, "/api/v1/users",
                    json: ["email": .string(email), "password": "0123456789", "roles": ["worker"]])
            }
            func session(_ email: String) async throws -> HTTPFields {
                let token = try #require(
                    try await app.send(
                        .post, "/api/v1/auth/token", json: ["email": .string(email), "password": "0123456789"],
                        headers: [:]
                    ).json["token"]?.stringValue)
                return [.authorization: "Bearer \(token)"]
            }
            let worker = try await session("w@x.io")
            let lease = try await app.send(
                .post, "/api/v1/work/next", json: ["project_id": .string(projectID)], headers: worker)
            let assignmentID = try #require(lease.json["assignment"]?.objectValue?["id"]?.stringValue)
            let note = String(repeating: "a", count: 100_000)
            func submit(_ category: String, _ note: String, as caller: HTTPFields) async throws -> Reply {
                try await app.send(
                    .post, "/api/v1/assignments/\(assignmentID)/submit",
                    json: ["answer": ["category": .string(category), "note": .string(note)]], headers: caller)
            }
            let ruleBroken = try await submit("cow", note, as: worker)
            #expect(ruleBroken.status == .unprocessableContent)
            #expect(ruleBroken.errorPaths == ["/answer/category"])
            let schemaBroken = try await submit("dog", note + "b", as: worker)
            #expect(schemaBroken.status == .unprocessableContent)
            #expect(schemaBroken.errorPaths == ["/answer/note"])
            #expect(try await submit("dog", note, as: try await session("v@x.io")).status == .notFound)
            let accepted = try await submit("dog", note, as: worker)
            #expect(accepted.json["assignment"]?.objectValue?["task_status"] == "completed")
            let task = try await app.send(.get, "/api/v1/tasks/\(taskID)")
            #expect(task.json["response"]?.objectValue?["note"]?.stringValue?.count == 100_000)
        }
    }

    /// A Scale task's own instruction (Scale's way: a pasted `<iframe>` of a shared document) is
    /// what its worker is shown, not the project's.
    @Test func aScaleTaskShowsItsOwnInstruction() async throws {
        try await TestApp.run { app in
            let instruction = #"<iframe src="https://docs.example.org/guide" width="100%"></iframe>"#
            let created = try await app.send(
                .post, "/scale/v1/task/categorization",
                json: [
                    "callback_url": "http://127.0.0.1:9/hook", "attachment": "a cat", "attachment_type": "text",
                    "categories": ["cat", "dog"], "instruction": .string(instruction),
                ])
            #expect(created.status == .ok, "\(created.text)")
            let (worker, _) = try await ReviewAPITests.login(app, "s@x.io", roles: ["worker"])
            let lease = try await app.send(.post, "/api/v1/work/next", headers: worker)
            #expect(lease.json["assignment"]?.objectValue?["task"]?.objectValue?["instruction"] == .string(instruction))
        }
    }
}
