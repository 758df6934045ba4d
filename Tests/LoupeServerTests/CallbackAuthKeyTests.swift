import Foundation
import HTTPTypes
import LoupeDomain
import LoupeServer
import LoupeTestSupport
import Testing

/// The key a dialect's callbacks carry (Scale's `scale-callback-auth`) is one per mode, readable
/// and rotatable by admins, and what a receiver gets is the key the API shows.
@Suite("Callback auth keys")
struct CallbackAuthKeyTests {
    /// Creates a Scale task with `headers`, waits for its callback and returns the auth header it carried.
    static func callbackKey(_ app: TestApp, sink: WebhookSink, base: String, headers: HTTPFields) async throws
        -> String?
    {
        let before = sink.requests.count
        let created = try await app.send(
            .post, "/scale/v1/task/categorization",
            json: [
                "callback_url": .string(base + "/hook"), "attachment": "a cat", "attachment_type": "text",
                "categories": ["cat", "dog"],
            ], headers: headers)
        #expect(created.status == .ok, "\(created.text)")
        let id = try #require(created.json["task_id"]?.stringValue)
        _ = try await app.waitFor("/scale/v1/task/\(id)", headers: headers) { $0["callback_succeeded"] != nil }
        let request = sink.requests.dropFirst(before).first { ($0.json["task_id"] as? String) == id }
        return request?.header("scale-callback-auth")
    }

    @Test func eachModeHasItsOwnKeyAndRotationChangesWhatReceiversGet() async throws {
        let sink = WebhookSink { _ in 200 }
        try await sink.run { base in
            try await TestApp.run(configure: WebhookDeliveryTests.allowingPrivate) { app in
                let listed = try await app.send(.get, "/api/v1/callback-auth-keys")
                #expect(listed.status == .ok, "\(listed.text)")
                let keys = listed.json["keys"]?.arrayValue?.compactMap(\.objectValue) ?? []
                func key(_ mode: String) -> String? {
                    keys.first { $0["dialect"] == "scale" && $0["mode"] == .string(mode) }?["key"]?.stringValue
                }
                #expect(keys.allSatisfy { $0["header"] == "scale-callback-auth" })
                let (live, test) = (try #require(key("live")), try #require(key("test")))
                #expect(live != test && live.count == 64)

                let testKeyCaller: HTTPFields = [.authorization: "Bearer \(TestDatabase.testKey)"]
                #expect(try await Self.callbackKey(app, sink: sink, base: base, headers: testKeyCaller) == test)
                #expect(
                    try await app.send(.get, "/api/v1/callback-auth-keys", headers: testKeyCaller).status == .forbidden)

                let rotated = try await app.send(.post, "/api/v1/callback-auth-keys/scale/test/rotate")
                #expect(rotated.status == .ok, "\(rotated.text)")
                let newTest = try #require(rotated.json["key"]?.stringValue)
                #expect(newTest != test && rotated.json["mode"] == "test")
                let again = try await app.send(.get, "/api/v1/callback-auth-keys")
                let shown = again.json["keys"]?.arrayValue?.compactMap(\.objectValue) ?? []
                #expect(shown.contains { $0["mode"] == "test" && $0["key"] == .string(newTest) })
                #expect(shown.contains { $0["mode"] == "live" && $0["key"] == .string(live) }, "live is untouched")

                let badMode = try await app.send(.post, "/api/v1/callback-auth-keys/scale/staging/rotate")
                #expect(badMode.status == .badRequest && badMode.text.contains("mode"))
                #expect(try await app.send(.post, "/api/v1/callback-auth-keys/acme/live/rotate").status == .notFound)
            }
        }
    }
}
