import HTTPTypes
import LoupeDomain
import LoupeTestSupport
import Testing

@Suite("Delivery feed over HTTP")
struct DeliveryFeedAPITests {
    @Test func feedPagesConsumersAdvanceAndAcknowledge() async throws {
        try await TestApp.run { app in
            let projectID = try await app.createProject("Feed")
            var ids: [String] = []
            for index in 0..<3 {
                let created = try await app.send(
                    .post, "/api/v1/projects/\(projectID)/tasks", json: ["data": ["n": .int(Int64(index))]],
                    headers: TestApp.test)
                ids.append(try #require(created.json["id"]?.stringValue))
            }
            for id in ids {
                _ = try await app.waitFor("/api/v1/tasks/\(id)") { $0["delivery_sequence"] != nil }
            }
            let feed = "/api/v1/projects/\(projectID)/deliveries"
            let first = try await app.send(.get, feed + "?limit=2", headers: TestApp.test)
            let token = try #require(first.json["next_token"]?.stringValue)
            let second = try await app.send(.get, feed + "?limit=2&next_token=" + token, headers: TestApp.test)
            let paged = (first.json["tasks"]?.arrayValue ?? []) + (second.json["tasks"]?.arrayValue ?? [])
            #expect(paged.compactMap { $0.objectValue?["delivery_sequence"]?.intValue } == [1, 2, 3])
            #expect(second.json["next_token"] == .null)
            #expect(
                try await app.send(.get, feed).json["tasks"]?.arrayValue?.isEmpty == true,
                "live keys do not see test tasks")
            let bad = try await app.send(.get, feed + "?next_token=garbage", headers: TestApp.test)
            #expect(bad.status == .badRequest && bad.errorPaths == ["next_token"])
            let consumed = try await app.send(.get, feed + "?consumer=etl&limit=2", headers: TestApp.test)
            #expect(consumed.json["position"] == 2 && consumed.json["has_more"] == true)
            #expect(consumed.json["tasks"]?.arrayValue?.allSatisfy { $0.objectValue?["status"] == "delivered" } == true)
            let rest = try await app.send(.get, feed + "?consumer=etl&limit=2", headers: TestApp.test)
            #expect(rest.json["tasks"]?.arrayValue?.count == 1 && rest.json["position"] == 3)
            let acknowledged = try await app.send(
                .post, feed + "/ack", json: ["consumer": "etl", "position": 3], headers: TestApp.test)
            #expect(acknowledged.json["acknowledged"] == 3)
            let tooFar = try await app.send(
                .post, feed + "/ack", json: ["consumer": "etl", "position": 9], headers: TestApp.test)
            #expect(tooFar.status == .badRequest && tooFar.errorPaths == ["/position"])
            #expect(
                try await app.send(.get, "/api/v1/tasks/\(ids[0])", headers: TestApp.test).json["status"]
                    == "acknowledged")
        }
    }
}
