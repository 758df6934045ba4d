import HTTPTypes
import LoupeDomain
import LoupeTestSupport
import Testing

@Suite("Review and test mode over HTTP")
struct ReviewAPITests {
    /// Creates a user with `roles` and returns its session headers and id.
    static func login(_ app: TestApp, _ email: String, roles: [JSONValue]) async throws -> (HTTPFields, String) {
        let user = try await app.send(
            .post, "/api/v1/users", json: ["email": .string(email), "password": "0123456789", "roles": .array(roles)])
        let token = try #require(
            try await app.send(
                .post, "/api/v1/auth/token", json: ["email": .string(email), "password": "0123456789"], headers: [:]
            )
            .json["token"]?.stringValue)
        return ([.authorization: "Bearer \(token)"], try #require(user.json["id"]?.stringValue))
    }

    @Test func disagreementIsReviewedSentBackRedoneAndApproved() async throws {
        try await TestApp.run { app in
            let project = try await app.send(
                .post, "/api/v1/projects",
                json: [
                    "name": "Reviewed", "type": "categorization", "params": ["categories": ["cat", "dog"]],
                    "settings": [
                        "overlap": 2, "payment_per_result": 0.25,
                        "review": ["strategy": "consensus", "approval_threshold": 2],
                    ],
                ])
            let projectID = try #require(project.json["id"]?.stringValue)
            let taskID = try #require(
                try await app.createTask(projectID, ["data": ["text": "meow"]]).json["id"]?.stringValue)
            let (alice, aliceID) = try await Self.login(app, "alice@x.io", roles: ["worker"])
            let (bob, _) = try await Self.login(app, "bob@x.io", roles: ["worker"])
            let (carol, _) = try await Self.login(app, "carol@x.io", roles: ["reviewer"])
            var assignments: [String] = []
            for (worker, answer) in [(alice, "dog"), (bob, "cat")] {
                let lease = try await app.send(.post, "/api/v1/work/next", headers: worker)
                let id = try #require(lease.json["assignment"]?.objectValue?["id"]?.stringValue)
                assignments.append(id)
                let submitted = try await app.send(
                    .post, "/api/v1/assignments/\(id)/submit", json: ["answer": ["category": .string(answer)]],
                    headers: worker)
                #expect(submitted.status == .ok)
            }
            #expect(try await app.send(.get, "/api/v1/tasks/\(taskID)").json["status"] == "in_review")
            #expect(try await app.send(.post, "/api/v1/review/next", headers: alice).status == .forbidden)
            let review = try await app.send(.post, "/api/v1/review/next", headers: carol)
            let reviewObject = try #require(review.json["review"]?.objectValue)
            #expect(reviewObject["results"]?.arrayValue?.count == 2)
            #expect(reviewObject["task"]?.objectValue?["aggregate"]?.objectValue?["agreement"] == 0.5)
            let reviewID = try #require(reviewObject["id"]?.stringValue)
            let missingReason = try await app.send(
                .post, "/api/v1/reviews/\(reviewID)/decision", json: ["decision": "send_back"], headers: carol)
            #expect(missingReason.status == .badRequest && missingReason.errorPaths == ["/reason"])
            let decided = try await app.send(
                .post, "/api/v1/reviews/\(reviewID)/decision",
                json: [
                    "results": [
                        ["assignment_id": .string(assignments[0]), "decision": "send_back", "reason": "It meows"]
                    ]
                ],
                headers: carol)
            #expect(decided.json["task"]?.objectValue?["status"] == "in_progress")
            let feedback = try await app.send(.get, "/api/v1/assignments?status=sent_back", headers: alice)
            #expect(feedback.json["assignments"]?.arrayValue?.first?.objectValue?["feedback"] == "It meows")
            let redo = try await app.send(.post, "/api/v1/work/next", headers: alice)
            #expect(redo.json["assignment"]?.objectValue?["id"] == .string(assignments[0]))
            _ = try await app.send(
                .post, "/api/v1/assignments/\(assignments[0])/submit", json: ["answer": ["category": "cat"]],
                headers: alice)
            let second = try await app.send(.post, "/api/v1/review/next", headers: carol)
            let secondID = try #require(second.json["review"]?.objectValue?["id"]?.stringValue)
            let badAnswer = try await app.send(
                .post, "/api/v1/reviews/\(secondID)/decision", json: ["answer": ["category": "cow"]], headers: carol)
            #expect(badAnswer.status == .unprocessableContent && badAnswer.errorPaths == ["/answer/category"])
            _ = try await app.send(
                .post, "/api/v1/reviews/\(secondID)/decision", json: ["decision": "approve"], headers: carol)
            let task = try await app.send(.get, "/api/v1/tasks/\(taskID)")
            #expect(task.json["status"] == "completed" && task.json["response"] == ["category": "cat"])
            #expect(task.json["outcome"]?.objectValue?["method"] == "reviewer")
            let stats = try await app.send(.get, "/api/v1/users/\(aliceID)/stats", headers: alice)
            #expect(stats.json["approved"] == 1 && stats.json["earnings"]?.doubleValue == 0.25)
            let workers = try await app.send(.get, "/api/v1/projects/\(projectID)/workers")
            #expect(workers.json["workers"]?.arrayValue?.count == 2)
            let history = try await app.send(.get, "/api/v1/tasks/\(taskID)/results")
            #expect(history.json["results"]?.arrayValue?.count == 2)
            let rework = try await app.send(.post, "/api/v1/tasks/\(taskID)/reject", json: ["reason": "Not a cat"])
            #expect(rework.json["status"] == "pending" && rework.json["round"] == 1)
        }
    }

    @Test func testKeyTasksAreCompletedBySyntheticWorkers() async throws {
        try await TestApp.run { app in
            let test: HTTPFields = [.authorization: "Bearer \(TestDatabase.testKey)"]
            let project = try await app.send(
                .post, "/api/v1/projects",
                json: [
                    "name": "Boxes", "type": "annotation", "params": ["objects_to_annotate": ["car"]],
                    "settings": ["overlap": 2],
                ])
            let projectID = try #require(project.json["id"]?.stringValue)
            let created = try await app.send(
                .post, "/api/v1/projects/\(projectID)/tasks",
                json: ["data": ["image_width": 640, "image_height": 480]], headers: test)
            let taskID = try #require(created.json["id"]?.stringValue)
            var task = Reply(status: .ok, headers: [:], bytes: [])
            for _ in 0..<100 {
                task = try await app.send(.get, "/api/v1/tasks/\(taskID)", headers: test)
                if task.json["status"] == "completed" { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(task.json["status"] == "completed")
            let box = task.json["response"]?.objectValue?["annotations"]?.arrayValue?.first?.objectValue
            #expect(box?["label"] == "car" && box?["width"]?.doubleValue == 320)
        }
    }
}
