import Crypto
import Foundation
import HTTPTypes
import LoupeDelivery
import LoupeDomain
import LoupeServer
import LoupeTestSupport
import Testing

@Suite("Webhook delivery")
struct WebhookDeliveryTests {
    /// A categorization project whose callbacks go to `url` with quick retries and `extra` settings.
    static func project(
        _ app: TestApp, url: String, attempts: Int = 5, extra: JSONObject = [:], name: String = "Hooked"
    )
        async throws -> String
    {
        var callback: JSONObject = [
            "url": .string(url),
            "retry": ["max_attempts": .int(Int64(attempts)), "initial_backoff": 0.05, "max_backoff": 0.1],
        ]
        for (key, value) in extra { callback[key] = value }
        let reply = try await app.send(
            .post, "/api/v1/projects",
            json: [
                "name": .string(name), "type": "categorization", "params": ["categories": ["cat", "dog"]],
                "settings": ["callback": .object(callback)],
            ])
        #expect(reply.status == .created, "\(reply.text)")
        return try #require(reply.json["id"]?.stringValue)
    }

    /// A test-mode task (completed by the synthetic worker within seconds); returns its id.
    static func completedTask(_ app: TestApp, _ projectID: String) async throws -> String {
        let created = try await app.send(
            .post, "/api/v1/projects/\(projectID)/tasks", json: ["data": ["text": "meow"]], headers: TestApp.test)
        return try #require(created.json["id"]?.stringValue)
    }

    static func allowingPrivate(_ configuration: inout AppConfiguration) {
        configuration.allowPrivateCallbacks = true
        configuration.webhookPollInterval = 0.05
    }

    @Test func failuresAreRetriedUntilDeliveredAndLogged() async throws {
        let sink = WebhookSink { [429, 500][safe: $0] ?? 200 }
        try await sink.run { base in
            try await TestApp.run(configure: Self.allowingPrivate) { app in
                let projectID = try await Self.project(app, url: base + "/hook")
                let taskID = try await Self.completedTask(app, projectID)
                let task = try await app.waitFor("/api/v1/tasks/\(taskID)", headers: TestApp.test) {
                    $0["callback_succeeded"] != nil
                }
                #expect(task.json["callback_succeeded"] == true)
                #expect(task.json["status"] == "delivered")
                let requests = sink.requests
                #expect(requests.count == 3)
                let eventIDs = Set(requests.compactMap { $0.header("webhook-id") })
                #expect(eventIDs.count == 1, "every retry carries the same webhook-id")
                let last = try #require(requests.last)
                #expect(last.json["task_id"] as? String == taskID)
                #expect(last.json["status"] as? String == "completed")
                #expect((last.json["response"] as? [String: Any])?["category"] as? String != nil)
                #expect(last.json["event"] as? String == "task.completed")
                // The Standard Webhooks signature checks out with the project's secret.
                let secrets = try await app.send(.get, "/api/v1/projects/\(projectID)/webhook-secrets")
                let secret = try #require(
                    secrets.json["secrets"]?.arrayValue?.first?.objectValue?["secret"]?.stringValue)
                let id = try #require(last.header("webhook-id"))
                let timestamp = try #require(last.header("webhook-timestamp").flatMap { Int64($0) })
                let expected = Self.standardSignature(id: id, timestamp: timestamp, body: last.body, secret: secret)
                #expect(last.header("webhook-signature") == "v1," + expected)
                // The delivery log lists all three attempts.
                let events = try await app.send(.get, "/api/v1/projects/\(projectID)/events", headers: TestApp.test)
                let eventID = try #require(events.json["events"]?.arrayValue?.first?.objectValue?["id"]?.stringValue)
                let event = try await app.send(.get, "/api/v1/events/\(eventID)", headers: TestApp.test)
                let log = try #require(event.json["delivery_log"]?.arrayValue)
                #expect(log.compactMap { $0.objectValue?["status_code"]?.intValue } == [429, 500, 200])
                #expect(event.json["status"] == "delivered")
            }
        }
    }

    @Test func aReceiverThatAlwaysFailsGetsADeadLetterThatCanBeResent() async throws {
        let sink = WebhookSink { _ in 503 }
        try await sink.run { base in
            try await TestApp.run(configure: Self.allowingPrivate) { app in
                let projectID = try await Self.project(app, url: base + "/hook", attempts: 3)
                let taskID = try await Self.completedTask(app, projectID)
                let failed = try await app.waitFor("/api/v1/tasks/\(taskID)", headers: TestApp.test) {
                    $0["callback_succeeded"] != nil
                }
                #expect(failed.json["callback_succeeded"] == false)
                #expect(sink.requests.count == 3)
                let dead = try await app.send(.get, "/api/v1/projects/\(projectID)/events/dead", headers: TestApp.test)
                let deadEvents = try #require(dead.json["events"]?.arrayValue)
                #expect(deadEvents.count == 1)
                #expect(deadEvents.first?.objectValue?["attempts"] == 3)
                sink.answer { _ in 204 }
                let resent = try await app.send(
                    .post, "/api/v1/projects/\(projectID)/events/resend", headers: TestApp.test)
                #expect(resent.json["resent"] == 1)
                let delivered = try await app.waitFor("/api/v1/tasks/\(taskID)", headers: TestApp.test) {
                    $0["callback_succeeded"] == true
                }
                #expect(delivered.json["callback_succeeded"] == true)
                #expect(sink.requests.count == 4)
                #expect(
                    try await app.send(.get, "/api/v1/projects/\(projectID)/events/dead", headers: TestApp.test).json[
                        "events"]?.arrayValue?.isEmpty == true)
            }
        }
    }

    @Test func aReceiverThatDoesNotAnswerInTimeIsRetried() async throws {
        let sink = WebhookSink(answer: { _ in 200 }, stall: { $0 == 0 })
        try await sink.run { base in
            try await TestApp.run(configure: {
                Self.allowingPrivate(&$0)
                // Generous enough that a loaded CI machine answers the second attempt in time.
                $0.webhookTimeout = 1.5
                $0.webhookConnectTimeout = 0.5
            }) { app in
                let projectID = try await Self.project(app, url: base + "/hook")
                let taskID = try await Self.completedTask(app, projectID)
                let task = try await app.waitFor("/api/v1/tasks/\(taskID)", headers: TestApp.test) {
                    $0["callback_succeeded"] != nil
                }
                #expect(task.json["callback_succeeded"] == true)
                let events = try await app.send(.get, "/api/v1/projects/\(projectID)/events", headers: TestApp.test)
                let eventID = try #require(events.json["events"]?.arrayValue?.first?.objectValue?["id"]?.stringValue)
                let log = try #require(
                    try await app.send(.get, "/api/v1/events/\(eventID)", headers: TestApp.test).json["delivery_log"]?
                        .arrayValue)
                #expect(log.count == 2)
                #expect(log.first?.objectValue?["status_code"] == .null, "the stalled attempt got no answer")
                #expect(log.first?.objectValue?["error"]?.stringValue?.isEmpty == false)
                // The sink would have answered after 10 s; a loaded machine may take seconds past the 1.5 s timeout.
                #expect(
                    (log.first?.objectValue?["latency_ms"]?.doubleValue ?? 0) < 8_000, "the read timeout cut it short")
                #expect(log.last?.objectValue?["status_code"] == 200)
            }
        }
    }

    @Test func refusalsAndRedirectsAreFinal() async throws {
        let sink = WebhookSink { $0 == 0 ? 400 : 302 }
        try await sink.run { base in
            try await TestApp.run(configure: Self.allowingPrivate) { app in
                for (index, name) in ["refused", "redirected"].enumerated() {
                    let projectID = try await Self.project(app, url: base + "/hook/" + name, name: name)
                    let taskID = try await Self.completedTask(app, projectID)
                    let task = try await app.waitFor("/api/v1/tasks/\(taskID)", headers: TestApp.test) {
                        $0["callback_succeeded"] != nil
                    }
                    #expect(task.json["callback_succeeded"] == false)
                    #expect(sink.requests.count == index + 1, "no retry after a \(name) answer")
                }
            }
        }
    }

    @Test func addressGuardRefusesNonPublicAddresses() async {
        let guarded = CallbackAddressPolicy(allowPrivate: false)
        for url in [
            "http://127.0.0.1:9/x", "http://10.1.2.3/", "https://192.168.0.10/h", "http://172.20.0.1/",
            "http://169.254.169.254/latest", "http://[::1]:8080/", "http://[fd00::1]/", "http://0.0.0.0/",
            // IPv4 inside IPv6: compatible, mapped, NAT64 and 6to4 forms of loopback, private and metadata addresses.
            "http://[::127.0.0.1]/", "http://[::ffff:127.0.0.1]/", "http://[64:ff9b::7f00:1]/",
            "http://[64:ff9b::a9fe:a9fe]/",
            "http://[2002:7f00:1::]/", "http://[2002:c0a8:1::1]/", "http://[64:ff9b:1::1]/",
        ] {
            #expect(await guarded.refusal(for: url) != nil, "\(url)")
        }
        #expect(await guarded.refusal(for: "http://93.184.216.34/hook") == nil)
        #expect(await guarded.refusal(for: "https://[2606:4700::1111]/") == nil)
        #expect(await guarded.refusal(for: "http://[64:ff9b::5db8:d822]/") == nil, "NAT64 of a public address")
        #expect(await guarded.refusal(for: "http://[2002:5db8:d822::1]/") == nil, "6to4 of a public address")
        #expect(await CallbackAddressPolicy(allowPrivate: true).refusal(for: "http://127.0.0.1/") == nil)
    }

    @Test func privateAddressesAreRefusedUnlessAllowed() async throws {
        let sink = WebhookSink { _ in 200 }
        try await sink.run { base in
            try await TestApp.run { app in
                let projectID = try await Self.project(app, url: base + "/hook")
                let taskID = try await Self.completedTask(app, projectID)
                let task = try await app.waitFor("/api/v1/tasks/\(taskID)", headers: TestApp.test) {
                    $0["callback_succeeded"] != nil
                }
                #expect(task.json["callback_succeeded"] == false)
                #expect(sink.requests.isEmpty)
                let events = try await app.send(
                    .get, "/api/v1/projects/\(projectID)/events/dead", headers: TestApp.test)
                let error = events.json["events"]?.arrayValue?.first?.objectValue?["last_error"]?.stringValue ?? ""
                #expect(error.contains("LOUPE_ALLOW_PRIVATE_CALLBACKS"))
            }
        }
    }

    @Test func everyAuthModeIsVerifiedByTheReceiver() async throws {
        let sink = WebhookSink { _ in 200 }
        try await sink.run { base in
            try await TestApp.run(configure: Self.allowingPrivate) { app in
                let modes: [(String, JSONValue)] = [
                    ("basic", ["type": "basic", "username": "hook-user", "password": "s3cret:pass"]),
                    ("access_key", ["type": "access_key", "access_key": "key with spaces&more"]),
                    ("token", ["type": "token", "token": "tok-123"]),
                    ("hmac", ["type": "hmac", "key_id": "k1", "secret": "hmac-secret"]),
                ]
                for (name, auth) in modes {
                    let projectID = try await Self.project(
                        app, url: base + "/hook/\(name)?source=loupe", extra: ["auth": auth], name: "Hooked " + name)
                    let taskID = try await Self.completedTask(app, projectID)
                    let task = try await app.waitFor("/api/v1/tasks/\(taskID)", headers: TestApp.test) {
                        $0["callback_succeeded"] != nil
                    }
                    #expect(task.json["callback_succeeded"] == true, "\(name)")
                }
                let byMode = Dictionary(grouping: sink.requests) {
                    $0.path.split(separator: "/").last.map(String.init) ?? ""
                }
                let basic = try #require(byMode["basic"]?.first)
                #expect(
                    basic.header("authorization") == "Basic " + Data("hook-user:s3cret:pass".utf8).base64EncodedString()
                )
                let keyed = try #require(byMode["access_key"]?.first)
                let items = URLComponents(string: "http://x/?" + keyed.query)?.queryItems ?? []
                #expect(items.first { $0.name == "access_key" }?.value == "key with spaces&more")
                #expect(items.first { $0.name == "source" }?.value == "loupe")
                #expect(try #require(byMode["token"]?.first).header("x-auth-token") == "tok-123")
                let signed = try #require(byMode["hmac"]?.first)
                let date = try #require(signed.header("x-wsm-date"))
                let bodyHash = SHA256.hash(data: signed.body).map { String(format: "%02x", $0) }.joined()
                let stringToSign = "POST\n/hook/hmac?source=loupe\n\(date)\n\(bodyHash)"
                let mac = HMAC<SHA256>.authenticationCode(
                    for: Data(stringToSign.utf8), using: SymmetricKey(data: Data("hmac-secret".utf8)))
                #expect(signed.header("authorization") == "HMAC-SHA256 k1:" + Data(mac).base64EncodedString())
                #expect(Timestamp.parse(date) != nil)
            }
        }
    }

    @Test func rotationSignsWithOldAndNewSecrets() async throws {
        let sink = WebhookSink { _ in 200 }
        try await sink.run { base in
            try await TestApp.run(configure: Self.allowingPrivate) { app in
                let projectID = try await Self.project(app, url: base + "/hook")
                let before = try await app.send(.get, "/api/v1/projects/\(projectID)/webhook-secrets")
                let old = try #require(before.json["secrets"]?.arrayValue?.first?.objectValue?["secret"]?.stringValue)
                let rotated = try await app.send(
                    .post, "/api/v1/projects/\(projectID)/webhook-secrets/rotate", json: ["overlap_seconds": 3600])
                let secrets = try #require(
                    rotated.json["secrets"]?.arrayValue?.compactMap { $0.objectValue?["secret"]?.stringValue })
                #expect(secrets.count == 2 && secrets.last == old)
                let taskID = try await Self.completedTask(app, projectID)
                _ = try await app.waitFor("/api/v1/tasks/\(taskID)", seconds: 30, headers: TestApp.test) {
                    $0["callback_succeeded"] != nil
                }
                try await Task.sleep(for: .seconds(2.5))  // the dispatcher's settings cache is 2 s
                let request = try #require(sink.requests.last)
                let id = try #require(request.header("webhook-id"))
                let timestamp = try #require(request.header("webhook-timestamp").flatMap { Int64($0) })
                let offered = Set((request.header("webhook-signature") ?? "").split(separator: " ").map(String.init))
                #expect(
                    offered.contains(
                        "v1," + Self.standardSignature(id: id, timestamp: timestamp, body: request.body, secret: old)))
                #expect(
                    StandardWebhookSignature.verify(
                        header: request.header("webhook-signature") ?? "", id: id, timestamp: timestamp,
                        body: request.body,
                        secrets: [secrets[0]]))
            }
        }
    }

    @Test func scaleTasksGetScaleCallbacksWithTheAuthHeader() async throws {
        let sink = WebhookSink { _ in 200 }
        try await sink.run { base in
            try await TestApp.run(configure: Self.allowingPrivate) { app in
                let basic = "Basic " + Data((TestDatabase.testKey + ":").utf8).base64EncodedString()
                let headers: HTTPFields = [.authorization: basic]
                let created = try await app.send(
                    .post, "/scale/v1/task/categorization",
                    json: [
                        "callback_url": .string(base + "/scale"), "attachment": "a cat", "attachment_type": "text",
                        "categories": ["cat", "dog"],
                    ],
                    headers: headers)
                #expect(created.status == .ok, "\(created.text)")
                let taskID = try #require(created.json["task_id"]?.stringValue)
                let done = try await app.waitFor("/scale/v1/task/\(taskID)", headers: headers) {
                    $0["callback_succeeded"] != nil
                }
                #expect(done.json["status"] == "completed" && done.json["callback_succeeded"] == true)
                let request = try #require(sink.requests.last)
                #expect(
                    request.json["task_id"] as? String == taskID && request.json["status"] as? String == "completed")
                #expect((request.json["task"] as? [String: Any])?["task_id"] as? String == taskID)
                #expect(
                    ((request.json["response"] as? [String: Any])?["category"] as? String).map {
                        ["cat", "dog"].contains($0)
                    } == true)
                let key = try #require(request.header("scale-callback-auth"))
                #expect(key.count >= 32)
                #expect(request.header("webhook-signature")?.hasPrefix("v1,") == true)
            }
        }
    }

    /// The Standard Webhooks signature, computed independently of Loupe's code.
    static func standardSignature(id: String, timestamp: Int64, body: [UInt8], secret: String) -> String {
        let key = SymmetricKey(data: Data(base64Encoded: String(secret.dropFirst("whsec_".count)))!)
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(id).\(timestamp).".utf8) + Data(body), using: key)
        return Data(mac).base64EncodedString()
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
