import Foundation
import HTTPTypes
import LoupeDomain
import LoupeTestSupport
import Testing

@Suite("Delivery and Scale routes refuse bad input clearly")
struct DeliveryBadInputTests {
    @Test func deliveryRoutesNameTheProblem() async throws {
        try await TestApp.run { app in
            let badCallback = try await app.send(
                .post, "/api/v1/projects",
                json: [
                    "name": "Hooks", "type": "categorization",
                    "settings": ["callback": ["url": "ftp://x", "events": ["task.completed"]]],
                ])
            #expect(badCallback.status == .badRequest && badCallback.errorPaths == ["/settings/callback/url"])
            let badAuth = try await app.send(
                .post, "/api/v1/projects",
                json: ["name": "Hooks", "type": "categorization", "settings": ["callback": ["auth": ["type": "hmac"]]]])
            #expect(badAuth.status == .badRequest && badAuth.errorPaths == ["/settings/callback/auth/secret"])
            #expect(
                try await app.send(.get, "/api/v1/projects").json["projects"]?.arrayValue?.isEmpty == true,
                "nothing was created")
            let project = try await app.createProject("Feed")
            let badFormat = try await app.send(.get, "/api/v1/projects/\(project)/export?format=xlsx")
            #expect(badFormat.status == .badRequest && badFormat.errorPaths == ["format"])
            let badExportStatus = try await app.send(.get, "/api/v1/projects/\(project)/export?status=pending,done")
            #expect(badExportStatus.status == .badRequest && badExportStatus.errorPaths == ["status"])
            let badMatch = try await app.send(
                .get, "/api/v1/projects/\(project)/deliveries?client_batch_id=a&match=fuzzy")
            #expect(badMatch.status == .badRequest && badMatch.errorPaths == ["match"])
            let badSince = try await app.send(.get, "/api/v1/projects/\(project)/deliveries?since=yesterday")
            #expect(badSince.status == .badRequest && badSince.errorPaths == ["since"])
            let consumerAndToken = try await app.send(
                .get, "/api/v1/projects/\(project)/deliveries?consumer=a&next_token=x")
            #expect(consumerAndToken.status == .badRequest && consumerAndToken.errorPaths == ["next_token"])
            let noPosition = try await app.send(
                .post, "/api/v1/projects/\(project)/deliveries/ack", json: ["consumer": "a"])
            #expect(noPosition.status == .badRequest && noPosition.errorPaths == ["/position"])
            let unknownConsumer = try await app.send(
                .post, "/api/v1/projects/\(project)/deliveries/ack", json: ["consumer": "nobody", "position": 0])
            #expect(unknownConsumer.status == .notFound)
            let badStatus = try await app.send(.get, "/api/v1/projects/\(project)/events?status=lost")
            #expect(badStatus.status == .badRequest && badStatus.errorPaths == ["status"])
            let missingEvent = try await app.send(.post, "/api/v1/events/0123456789abcdef01234567/resend")
            #expect(missingEvent.status == .notFound)
            let badOverlap = try await app.send(
                .post, "/api/v1/projects/\(project)/webhook-secrets/rotate", json: ["overlap_seconds": -5])
            #expect(badOverlap.status == .badRequest && badOverlap.errorPaths == ["/overlap_seconds"])
        }
    }

    @Test func scaleRoutesAnswerInScalesShape() async throws {
        try await TestApp.run { app in
            let headers: HTTPFields = [
                .authorization: "Basic " + Data((TestDatabase.liveKey + ":").utf8).base64EncodedString()
            ]
            let unauthorized = try await app.send(
                .get, "/scale/v1/projects",
                headers: [.authorization: "Basic " + Data("nope:".utf8).base64EncodedString()])
            #expect(unauthorized.status == .unauthorized && unauthorized.json["error"]?.stringValue != nil)
            let tooMany = try await app.send(
                .post, "/scale/v1/task/annotation",
                json: ["attachment": "https://x/a.jpg", "objects_to_annotate": ["a", "b", "c", "d", "e", "f", "g"]],
                headers: headers)
            #expect(tooMany.status == .badRequest)
            #expect(tooMany.json["error"]?.stringValue?.contains("/objects_to_annotate/6") == true, "\(tooMany.text)")
            #expect(tooMany.json["status_code"] == 400)
            let unknownProject = try await app.send(
                .post, "/scale/v1/task/categorization",
                json: ["project": "nope", "attachment": "a", "attachment_type": "text", "categories": ["x"]],
                headers: headers)
            #expect(unknownProject.status == .badRequest)
            let notJSONObject = try await app.send(
                .post, "/scale/v1/task/categorization", json: ["a", "b"], headers: headers)
            #expect(notJSONObject.status == .badRequest)
            let badLimit = try await app.send(.get, "/scale/v1/tasks?limit=500", headers: headers)
            #expect(badLimit.status == .badRequest)
            let missingTask = try await app.send(.get, "/scale/v1/task/000000000000000000000000", headers: headers)
            #expect(missingTask.status == .notFound && missingTask.json["error"] == "Task not found")
            let badTags = try await app.send(
                .post, "/scale/v1/task/000000000000000000000000/tags", json: ["x": 1], headers: headers)
            #expect(badTags.status == .badRequest)
            #expect(
                try await app.send(.get, "/scale/v1/tasks", headers: headers).json["total"] == 0, "nothing was created")
        }
    }
}
