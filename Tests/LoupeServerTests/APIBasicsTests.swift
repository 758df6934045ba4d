import Foundation
import HTTPTypes
import LoupeDomain
import LoupeServer
import LoupeTestSupport
import Testing

@Suite("Native API basics")
struct APIBasicsTests {
    @Test func healthAnswersWithARequestID() async throws {
        try await TestApp.run { app in
            let reply = try await app.send(.get, "/health", headers: [:])
            #expect(reply.status == .ok)
            #expect(reply.headers[HTTPField.Name("X-Request-ID")!]?.isEmpty == false)
        }
    }

    @Test func authenticationFailuresAre401WithTheEnvelope() async throws {
        try await TestApp.run { app in
            for headers: HTTPFields in [
                [:], [.authorization: "Bearer"], [.authorization: "Bearer nope"], [.authorization: "Basic !!!"],
                [.authorization: "Digest abc"], [.authorization: "Bearers " + TestDatabase.liveKey],
                [.authorization: "Bearer " + TestDatabase.liveKey + " extra"],
            ] {
                let reply = try await app.send(.get, "/api/v1/projects", headers: headers)
                #expect(reply.status == .unauthorized)
                #expect(reply.errorCode == "unauthorized")
                #expect(reply.json["request_id"]?.stringValue?.isEmpty == false)
            }
            let basic = "Basic " + Data((TestDatabase.liveKey + ":").utf8).base64EncodedString()
            #expect(try await app.send(.get, "/api/v1/projects", headers: [.authorization: basic]).status == .ok)
            // Schemes are case-insensitive (RFC 9110), and spaces may pad the credential.
            let lowerBasic = "basic " + basic.dropFirst(6)
            for header in ["bearer " + TestDatabase.liveKey, "BEARER  " + TestDatabase.liveKey, lowerBasic] {
                #expect(try await app.send(.get, "/api/v1/projects", headers: [.authorization: header]).status == .ok)
            }
        }
    }

    @Test func projectLifecycleWithParamHistory() async throws {
        try await TestApp.run { app in
            let id = try await app.createProject()
            #expect(
                try await app.send(.post, "/api/v1/projects", json: ["name": "Cats", "type": "categorization"]).status
                    == .conflict)
            let patched = try await app.send(.patch, "/api/v1/projects/\(id)", json: ["instruction": "Pick carefully"])
            #expect(patched.status == .ok)
            #expect(patched.json["param_history"]?.arrayValue?.count == 2)
            #expect(patched.json["version"] == .int(2))
            #expect(try await app.send(.post, "/api/v1/projects/\(id)/archive").json["archived"] == .bool(true))
            let refused = try await app.createTask(id, ["data": ["url": "https://x.io/a.jpg"]])
            #expect(refused.status == .conflict)
            #expect(try await app.send(.post, "/api/v1/projects/\(id)/unarchive").json["archived"] == .bool(false))
            let list = try await app.send(.get, "/api/v1/projects")
            #expect(list.json["projects"]?.arrayValue?.count == 1)
        }
    }

    @Test func createGetAndListTasks() async throws {
        try await TestApp.run { app in
            let project = try await app.createProject()
            let created = try await app.createTask(
                project, ["data": ["url": "https://x.io/a.jpg"], "tags": ["t1"], "priority": 5])
            #expect(created.status == .created)
            #expect(created.json["status"] == "pending")
            let id = try #require(created.json["id"]?.stringValue)
            #expect(ObjectIDGenerator.isValid(id))
            let fetched = try await app.send(.get, "/api/v1/tasks/\(id)")
            #expect(fetched.json["data"] == ["url": "https://x.io/a.jpg"])
            #expect(fetched.json["created_at"]?.stringValue?.hasSuffix("Z") == true)
            for _ in 0..<4 { _ = try await app.createTask(project, ["data": ["url": "https://x.io/b.jpg"]]) }
            var seen: [String] = []
            var next: String? = nil
            repeat {
                let uri = "/api/v1/tasks?project=\(project)&limit=2" + (next.map { "&next_token=\($0)" } ?? "")
                let page = try await app.send(.get, uri)
                #expect(page.status == .ok)
                seen += page.json["tasks"]?.arrayValue?.compactMap { $0.objectValue?["id"]?.stringValue } ?? []
                next = page.json["next_token"]?.stringValue
            } while next != nil
            #expect(seen.count == 5 && Set(seen).count == 5)
            let tagged = try await app.send(.get, "/api/v1/tasks?tag=t1&include_total=true")
            #expect(tagged.json["total"] == .int(1))
        }
    }

    @Test func uniqueIDAndIdempotencyKey() async throws {
        try await TestApp.run { app in
            let project = try await app.createProject()
            let first = try await app.createTask(project, ["data": ["a": 1], "unique_id": "u1"])
            let duplicate = try await app.createTask(project, ["data": ["a": 2], "unique_id": "u1"])
            #expect(duplicate.status == .conflict)
            #expect(duplicate.json["error"]?.objectValue?["existing_task_id"] == first.json["id"])
            var headers = TestApp.live
            headers[HTTPField.Name("Idempotency-Key")!] = "key-1"
            let one = try await app.send(
                .post, "/api/v1/projects/\(project)/tasks", json: ["data": ["a": 3]], headers: headers)
            let two = try await app.send(
                .post, "/api/v1/projects/\(project)/tasks", json: ["data": ["a": 3]], headers: headers)
            #expect(one.status == .created && two.status == .created)
            #expect(one.bytes == two.bytes)
            let other = try await app.send(
                .post, "/api/v1/projects/\(project)/tasks", json: ["data": ["a": 4]], headers: headers)
            #expect(other.status == .conflict)
        }
    }

    @Test func cancelDeletePriorityMetadataTags() async throws {
        try await TestApp.run { app in
            let project = try await app.createProject()
            let id = try #require(try await app.createTask(project, ["data": ["a": 1]]).json["id"]?.stringValue)
            let other = try #require(try await app.createTask(project, ["data": ["a": 2]]).json["id"]?.stringValue)
            let priority = try await app.send(
                .post, "/api/v1/tasks/priority", json: ["ids": [.string(id)], "priority": 9])
            #expect(priority.json["updated"] == [.string(id)])
            let metadata = try await app.send(.post, "/api/v1/tasks/\(id)/metadata", json: ["metadata": ["k": "v"]])
            #expect(metadata.json["metadata"] == ["k": "v"])
            let tags = try await app.send(
                .post, "/api/v1/tasks/\(id)/tags", json: ["add": ["a", "b"], "remove": ["a"]])
            #expect(tags.json["tags"] == ["b"])
            #expect(try await app.send(.post, "/api/v1/tasks/\(id)/cancel").json["status"] == "canceled")
            let again = try await app.send(.post, "/api/v1/tasks/\(id)/cancel")
            #expect(again.status == .conflict)
            #expect(again.errorCode == "invalid_state")
            let deleted = try await app.send(.post, "/api/v1/tasks/delete", json: ["ids": [.string(other)]])
            #expect(deleted.json["deleted"] == [.string(other)])
            #expect(try await app.send(.get, "/api/v1/tasks/\(other)").status == .notFound)
        }
    }
}

@Suite("Operations")
struct OperationsTests {
    @Test func apiAnswersAreNeitherSniffedNorCachedAndThePageForbidsPlugins() async throws {
        try await TestApp.run { app in
            let reply = try await app.send(.get, "/api/v1/projects")
            #expect(reply.headers[.xContentTypeOptions] == "nosniff")
            #expect(reply.headers[.cacheControl] == "no-store")
            let refused = try await app.send(.get, "/api/v1/projects", headers: [:])
            #expect(refused.headers[.xContentTypeOptions] == "nosniff")
            // Without LOUPE_METRICS_TOKEN, /metrics is for loopback peers only; this in-process
            // request has no peer at all.
            #expect(try await app.send(.get, "/metrics", headers: [:]).status == .forbidden)
            let page = try await app.send(.get, "/", headers: [:])
            #expect(page.status == .ok)
            #expect(page.headers[.contentSecurityPolicy]?.contains("object-src 'none'") == true)
        }
    }

    @Test func metricsCountRequestsTasksAndBatches() async throws {
        try await TestApp.run(configure: { $0.metricsToken = "metrics-token" }) { app in
            let project = try await app.createProject()
            _ = try await app.createTask(project, ["data": ["a": 1]])
            _ = try await app.send(.post, "/api/v1/projects/\(project)/batches", json: ["tasks": [["data": ["a": 2]]]])
            // The same route twice with one status, once with another: two series, counted apart.
            for _ in 0..<2 { _ = try await app.send(.get, "/api/v1/projects/\(project)") }
            _ = try await app.send(.get, "/api/v1/projects/\(String(repeating: "0", count: 24))")
            #expect(try await app.send(.get, "/metrics", headers: [:]).status == .unauthorized)
            #expect(
                try await app.send(.get, "/metrics", headers: [.authorization: "Bearer nope"]).status == .unauthorized)
            let metrics = try await app.send(.get, "/metrics", headers: [.authorization: "Bearer metrics-token"]).text
            #expect(
                metrics.contains(
                    "loupe_http_requests_total{route=\"/api/v1/projects/{id}/tasks\",method=\"POST\",status=\"201\"} 1")
            )
            #expect(
                metrics.contains(
                    "loupe_http_requests_total{route=\"/api/v1/projects/{id}\",method=\"GET\",status=\"200\"} 2"))
            #expect(
                metrics.contains(
                    "loupe_http_requests_total{route=\"/api/v1/projects/{id}\",method=\"GET\",status=\"404\"} 1"))
            #expect(metrics.contains("loupe_tasks{status=\"pending\"} 2"))
            #expect(metrics.contains("loupe_batches{status=\"completed\"} 1"))
            #expect(metrics.contains("loupe_tasks_created_total 2"))
            #expect(metrics.contains("loupe_http_request_duration_seconds_bucket"))
        }
    }

    /// The outbox, the leases and webhook attempts are on `/metrics`: a delivered event and a dead
    /// letter (a 410 is not retried), a held lease, the attempts by outcome and the delivery lag.
    @Test func metricsShowTheOutboxLeasesAndWebhookAttempts() async throws {
        let sink = WebhookSink { index in index == 0 ? 200 : 410 }
        try await sink.run { base in
            try await TestApp.run(configure: {
                $0.metricsToken = "metrics-token"
                $0.allowPrivateCallbacks = true
            }) { app in
                let project = try #require(
                    try await app.send(
                        .post, "/api/v1/projects",
                        json: [
                            "name": "Observed", "type": "categorization",
                            "settings": ["callback": ["url": .string(base + "/hook"), "events": ["task.created"]]],
                        ]
                    ).json["id"]?.stringValue)
                for index in 0..<2 { _ = try await app.createTask(project, ["data": ["n": .int(Int64(index))]]) }
                let (worker, _) = try await ReviewAPITests.login(app, "m@x.io", roles: ["worker"])
                #expect(try await app.send(.post, "/api/v1/work/next", headers: worker).status == .ok)
                var metrics = ""
                for _ in 0..<100 {
                    metrics = try await app.send(
                        .get, "/metrics", headers: [.authorization: "Bearer metrics-token"]
                    ).text
                    if metrics.contains("loupe_outbox_events{status=\"dead\"} 1.0") { break }
                    try await Task.sleep(for: .milliseconds(100))
                }
                #expect(metrics.contains("loupe_outbox_events{status=\"dead\"} 1.0"), "\(metrics)")
                #expect(metrics.contains("loupe_outbox_events{status=\"pending\"} 0.0"))
                #expect(metrics.contains("loupe_leases{state=\"active\"} 1.0"))
                #expect(metrics.contains("loupe_leases{state=\"expired\"} 0.0"))
                #expect(metrics.contains("loupe_webhook_attempts_total{outcome=\"delivered\"} 1"))
                #expect(metrics.contains("loupe_webhook_attempts_total{outcome=\"final\"} 1"))
                #expect(metrics.contains("loupe_webhook_delivery_lag_seconds_count 1"))
                #expect(metrics.contains("loupe_database_read_seconds "))
                #expect(metrics.contains("loupe_draining 0.0"))
            }
        }
    }
}
