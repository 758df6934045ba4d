import Foundation
import HTTPTypes
import LoupeDelivery
import LoupeDomain
import LoupeServer
import LoupeTestSupport
import Testing

/// A `callback_url` that is an e-mail address gets the callback by mail through the configured
/// relay: here a local aiosmtpd that requires STARTTLS and a login, with a certificate made for
/// the test. Delivery goes through the outbox like webhooks: retried, logged, never from a request.
@Suite("E-mail callbacks")
struct MailCallbackTests {
    /// A running SMTP sink and where its messages land.
    struct Sink {
        let process: Process
        let port: Int
        let certificate: String
        let output: String

        /// The messages received so far, each `{"from", "to", "tls", "login", "data"}`.
        var messages: [[String: Any]] {
            ((try? String(contentsOfFile: output, encoding: .utf8)) ?? "").split(separator: "\n").compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }
        }
    }

    /// Installs aiosmtpd if needed, makes a certificate for 127.0.0.1 and starts the sink.
    static func startSink() async throws -> Sink {
        if try await ExternalProcess.python(["-c", "import aiosmtpd"]).0 != 0 {
            let (status, output) = try await ExternalProcess.python(
                ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "aiosmtpd==1.4.6"])
            try #require(status == 0, "pip install aiosmtpd failed:\n\(output)")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let (certificate, key) = (folder.path + "/cert.pem", folder.path + "/key.pem")
        let (status, output) = try await ExternalProcess.run(
            "/usr/bin/openssl",
            [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", certificate, "-days", "1",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
            ])
        try #require(status == 0, "openssl failed:\n\(output)")
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Mail/smtp_sink.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let messages = folder.path + "/messages.jsonl"
        process.arguments = ["python3", script, certificate, key, "0", messages, "240"]
        let pipe = Pipe()
        process.standardOutput = pipe
        // Not the test run's own output: a sink outliving its test would hold `swift test` open.
        process.standardError = FileHandle.nullDevice
        try ExternalProcess.launch(process)
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = ExternalProcess.readChunk(pipe.fileHandleForReading)
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let ready = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let port = try #require(ready.hasPrefix("READY ") ? Int(ready.dropFirst(6)) : nil, "sink said: \(ready)")
        return Sink(process: process, port: port, certificate: certificate, output: messages)
    }

    /// The relay settings pointing at `sink`.
    static func relay(_ sink: Sink) throws -> MailRelay {
        MailRelay(
            host: "127.0.0.1", port: sink.port, tlsPolicy: .required,
            credentials: try SMTPCredentials(username: "loupe", password: "relay-secret"),
            from: try MailAddress("loupe@loupe.test"), trustedCertificatesFile: sink.certificate, timeoutSeconds: 20)
    }

    /// The headers and decoded body of a received message.
    static func parse(_ data: String) -> (headers: [String: String], body: [String: Any]) {
        let text = data.replacingOccurrences(of: "\r\n", with: "\n")
        let parts = text.components(separatedBy: "\n\n")
        var headers: [String: String] = [:]
        for line in parts[0].split(separator: "\n") {
            if let colon = line.firstIndex(of: ":") {
                headers[line[..<colon].lowercased()] = line[line.index(after: colon)...]
                    .trimmingCharacters(in: .whitespaces)
            }
        }
        let base64 = parts.dropFirst().joined().replacingOccurrences(of: "\n", with: "")
        let body = Data(base64Encoded: base64).flatMap { try? JSONSerialization.jsonObject(with: $0) }
        return (headers, body as? [String: Any] ?? [:])
    }

    @Test(.timeLimit(.minutes(10)))
    func callbacksAreMailedOverStartTLSWithTheDialectsAuthHeader() async throws {
        let sink = try await Self.startSink()
        defer { sink.process.terminate() }
        let relay = try Self.relay(sink)
        try await TestApp.run(configure: {
            WebhookDeliveryTests.allowingPrivate(&$0)
            $0.mailRelay = relay
        }) { app in
            let projectID = try await WebhookDeliveryTests.project(app, url: "https://example.com/unused")
            let created = try await app.send(
                .post, "/api/v1/projects/\(projectID)/tasks",
                json: ["data": ["text": "meow"], "callback_url": "mailto:ops@example.com"], headers: TestApp.test)
            let taskID = try #require(created.json["id"]?.stringValue, "\(created.text)")
            let done = try await app.waitFor("/api/v1/tasks/\(taskID)", headers: TestApp.test) {
                $0["callback_succeeded"] != nil
            }
            #expect(done.json["callback_succeeded"] == true, "\(done.text)")
            let mail = try #require(sink.messages.first)
            #expect(mail["to"] as? [String] == ["ops@example.com"] && mail["from"] as? String == "loupe@loupe.test")
            #expect(mail["tls"] as? Bool == true && mail["login"] as? String == "loupe")
            let (headers, body) = Self.parse(mail["data"] as? String ?? "")
            #expect(headers["x-loupe-event"] == "task.completed")
            #expect(headers["subject"] == "Loupe task.completed: task \(taskID)")
            #expect(body["task_id"] as? String == taskID && body["status"] as? String == "completed")

            // A Scale task mailed its callback carries scale-callback-auth, the test key the API shows.
            let scale = try await app.send(
                .post, "/scale/v1/task/categorization",
                json: [
                    "callback_url": "ops@example.com", "attachment": "a cat", "attachment_type": "text",
                    "categories": ["cat", "dog"],
                ], headers: TestApp.test)
            let scaleID = try #require(scale.json["task_id"]?.stringValue, "\(scale.text)")
            _ = try await app.waitFor("/scale/v1/task/\(scaleID)", headers: TestApp.test) {
                $0["callback_succeeded"] != nil
            }
            let keys = try await app.send(.get, "/api/v1/callback-auth-keys").json["keys"]?.arrayValue ?? []
            let testKey = keys.compactMap(\.objectValue).first { $0["mode"] == "test" }?["key"]?.stringValue
            let scaleMail = try #require(sink.messages.last)
            let (scaleHeaders, scaleBody) = Self.parse(scaleMail["data"] as? String ?? "")
            #expect(scaleHeaders["scale-callback-auth"] == testKey && testKey != nil)
            #expect(scaleBody["task_id"] as? String == scaleID)
        }
    }

    @Test func badAddressesAre400AndWithoutARelayTheEventFailsSayingWhy() async throws {
        try await TestApp.run(configure: WebhookDeliveryTests.allowingPrivate) { app in
            let projectID = try await WebhookDeliveryTests.project(app, url: "https://example.com/unused")
            let bad = try await app.send(
                .post, "/api/v1/projects/\(projectID)/tasks",
                json: ["data": ["text": "meow"], "callback_url": "mailto:two@example.com,three@example.com"])
            #expect(bad.status == .badRequest && bad.text.contains("/callback_url"), "\(bad.text)")
            let created = try await app.send(
                .post, "/api/v1/projects/\(projectID)/tasks",
                json: ["data": ["text": "meow"], "callback_url": "ops@example.com"], headers: TestApp.test)
            let taskID = try #require(created.json["id"]?.stringValue, "\(created.text)")
            let done = try await app.waitFor("/api/v1/tasks/\(taskID)", headers: TestApp.test) {
                $0["callback_succeeded"] != nil
            }
            #expect(done.json["callback_succeeded"] == false)
            let events = try await app.send(.get, "/api/v1/projects/\(projectID)/events", headers: TestApp.test)
            let event = events.json["events"]?.arrayValue?.first?.objectValue
            #expect(event?["status"] == "dead", "a final failure is a dead letter: \(events.text)")
            #expect(event?["last_error"]?.stringValue?.contains("LOUPE_SMTP_HOST") == true, "\(events.text)")
        }
    }
}

extension MailCallbackTests {
    /// A relay that refuses the login is a final failure, logged with the relay's reply; a relay
    /// that is not there is retried.
    @Test(.timeLimit(.minutes(10)))
    func aRefusedLoginIsFinalAndAnAbsentRelayIsRetried() async throws {
        let sink = try await Self.startSink()
        defer { sink.process.terminate() }
        var wrong = try Self.relay(sink)
        wrong.credentials = try SMTPCredentials(username: "loupe", password: "not-the-secret")
        try await TestApp.run(configure: {
            WebhookDeliveryTests.allowingPrivate(&$0)
            $0.mailRelay = wrong
        }) { app in
            let projectID = try await WebhookDeliveryTests.project(app, url: "ops@example.com")
            _ = try await WebhookDeliveryTests.completedTask(app, projectID)
            let event = try await Self.firstEvent(app, projectID) { $0["status"] == "dead" }
            #expect(event["last_error"]?.stringValue?.contains("535") == true, "\(event)")
            #expect(sink.messages.isEmpty)
        }
        var absent = try Self.relay(sink)
        absent.port = 1
        try await TestApp.run(configure: {
            WebhookDeliveryTests.allowingPrivate(&$0)
            $0.mailRelay = absent
        }) { app in
            let projectID = try await WebhookDeliveryTests.project(app, url: "ops@example.com", attempts: 2)
            _ = try await WebhookDeliveryTests.completedTask(app, projectID)
            let event = try await Self.firstEvent(app, projectID) { $0["status"] == "dead" }
            #expect(event["attempts"] == 2, "a connection failure is retried: \(event)")
        }
    }

    /// Waits for the project's first event to satisfy `done`.
    static func firstEvent(_ app: TestApp, _ projectID: String, _ done: (JSONObject) -> Bool) async throws
        -> JSONObject
    {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let events = try await app.send(.get, "/api/v1/projects/\(projectID)/events", headers: TestApp.test)
            if let event = events.json["events"]?.arrayValue?.first?.objectValue, done(event) { return event }
            try await Task.sleep(for: .milliseconds(100))
        }
        let events = try await app.send(.get, "/api/v1/projects/\(projectID)/events", headers: TestApp.test)
        Issue.record("the project's event did not reach the expected state in 30 s: \(events.text)")
        return [:]
    }
}
