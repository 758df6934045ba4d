import Foundation
import HTTPTypes
import LoupeDomain
import LoupeServer
import LoupeTestSupport
import Testing

/// A dialect defined only in the test target is registered and used end to end — create, work,
/// callback — through the seam alone.
@Suite("Dialects are plug-ins")
struct DialectPluginTests {
    @Test func aDialectFromTheTestTargetCreatesWorksAndCallsBack() async throws {
        let sink = WebhookSink { _ in 200 }
        try await sink.run { base in
            try await TestApp.run(
                configure: WebhookDeliveryTests.allowingPrivate, dialects: StandardDialects.all + [AcmeDialect()]
            ) {
                app in
                let project = try await app.createProject("Acme questions")
                let acme: HTTPFields = [HTTPField.Name("X-Acme-Key")!: TestDatabase.testKey]

                // Its credential schemes and error shape.
                let anonymous = try await app.send(.get, "/acme/v1/jobs/0123456789abcdef01234567", headers: [:])
                #expect(anonymous.status == .unauthorized)
                #expect(anonymous.json["acme_error"]?.objectValue?["status"] == 401)
                let byQuery = try await app.send(
                    .get, "/acme/v1/jobs/0123456789abcdef01234567?access_key=\(TestDatabase.testKey)", headers: [:])
                #expect(byQuery.status == .notFound)
                #expect(byQuery.json["acme_error"]?.objectValue?["message"] == "no such job")

                // Create: a test-mode job, done by the synthetic worker with the dialect's own answer.
                let created = try await app.send(
                    .post, "/acme/v1/projects/\(project)/jobs",
                    json: ["input": ["question": "Is it a cat?"], "callback": .string(base + "/acme-hook")],
                    headers: acme)
                #expect(created.status == .created, "\(created.text)")
                let job = try #require(created.json["job"]?.stringValue)
                var state = ""
                for _ in 0..<300 where state != "delivered" {
                    try await Task.sleep(for: .milliseconds(50))
                    state =
                        try await app.send(.get, "/acme/v1/jobs/\(job)", headers: acme).json["state"]?.stringValue ?? ""
                }
                #expect(state == "delivered")

                // Callback: the dialect's body, absolute links, and its auth header.
                let delivery = try #require(sink.requests.first { $0.path == "/acme-hook" })
                #expect(delivery.json["acme_event"] as? String == "task.completed")
                #expect(delivery.json["job"] as? String == job)
                #expect(delivery.json["project"] as? String == "Acme questions")
                #expect((delivery.json["answer"] as? [String: Any])?["yes"] as? Bool == true)
                #expect((delivery.json["link"] as? String)?.hasSuffix("/acme/v1/jobs/\(job)") == true)
                #expect(delivery.header("x-acme-callback-key")?.count == 64)

                // The native API shows the same task, answered in the dialect's format.
                let native = try await app.send(.get, "/api/v1/tasks/\(job)", headers: TestApp.test)
                #expect(native.json["response"]?.objectValue?["yes"] == true)
            }
        }
    }
}
