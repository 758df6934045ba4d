import Foundation
import HTTPTypes
import LoupeDomain
import LoupeServer
import LoupeTestSupport
import Testing

@Suite("Scale attachments")
struct ScaleAttachmentTests {
    @Test func unreachableAttachmentsEndTheTaskInErrorWithScalesCallback() async throws {
        let sink = WebhookSink(answer: { _ in 200 }, files: { $0.hasSuffix("/missing.jpg") ? 404 : 200 })
        try await sink.run { base in
            try await TestApp.run(configure: {
                $0.allowPrivateCallbacks = true
                $0.fetchAttachments = true
                // The suite runs in parallel on two cores: a loopback fetch can miss the default 10 s
                // (a fresh-clone CI run failed the good attachment that way); 404 is still an answer.
                $0.attachmentTimeout = 60
                $0.webhookPollInterval = 0.05
            }) { app in
                let headers: HTTPFields = [
                    .authorization: "Basic " + Data((TestDatabase.testKey + ":").utf8).base64EncodedString()
                ]
                func create(_ attachment: String) async throws -> String {
                    let reply = try await app.send(
                        .post, "/scale/v1/task/annotation",
                        json: [
                            "attachment": .string(base + attachment), "attachment_type": "image",
                            "objects_to_annotate": ["car"],
                            "callback_url": .string(base + "/hook"),
                        ],
                        headers: headers)
                    #expect(reply.status == .ok, "\(reply.text)")
                    return try #require(reply.json["task_id"]?.stringValue)
                }
                let good = try await create("/files/car.jpg")
                let bad = try await create("/files/missing.jpg")
                let failed = try await app.waitFor("/scale/v1/task/\(bad)", headers: headers) {
                    $0["callback_succeeded"] != nil
                }
                #expect(failed.json["status"] == "error")
                let response = try #require(failed.json["response"]?.objectValue)
                #expect(response["error"] == "One or more attachments could not be downloaded.")
                let listed = response["attachments"]?.arrayValue?.first?.objectValue
                #expect(listed?["statusCode"] == 404 && listed?["url"] == .string(base + "/files/missing.jpg"))
                let done = try await app.waitFor("/scale/v1/task/\(good)", headers: headers) {
                    $0["status"] == "completed"
                }
                #expect(done.json["status"] == "completed", "a task whose attachments answer 200 is worked on")
                let callback = try #require(sink.requests.first { ($0.json["task_id"] as? String) == bad })
                #expect(callback.json["status"] as? String == "error")
                #expect(
                    ((callback.json["response"] as? [String: Any])?["attachments"] as? [[String: Any]])?.first?[
                        "statusCode"] as? Int == 404)
                #expect(callback.header("scale-callback-auth") != nil)
            }
        }
    }
}
