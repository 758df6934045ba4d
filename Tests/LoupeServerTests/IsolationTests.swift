import Foundation
import HTTPTypes
import LoupeDomain
import LoupeHTTP
import LoupeTestSupport
import Testing

@Suite("Organizations are isolated")
struct IsolationTests {
    @Test func noRouteReadsOrChangesAnotherOrganizationsData() async throws {
        try await TestApp.run { app in
            let project = try await app.createProject()
            let task = try #require(
                try await app.createTask(project, ["data": ["a": 1], "tags": ["x"]]).json["id"]?.stringValue)
            let batch = try #require(
                try await app.send(.post, "/api/v1/projects/\(project)/batches", json: ["upload": true]).json["id"]?
                    .stringValue)
            let keyID = try #require(
                try await app.send(.get, "/api/v1/keys").json["keys"]?.arrayValue?.first?.objectValue?["id"]?
                    .stringValue)
            let otherKey = try await TestDatabase.addOrganization(app.configuration)
            let other: HTTPFields = [.authorization: "Bearer \(otherKey)"]
            let ids = ["{id}": [project, task, batch, keyID]]
            let before = try await app.send(.get, "/api/v1/tasks/\(task)").bytes
            for operation in OpenAPIDocument.operations where operation.authenticated {
                let method = HTTPRequest.Method(operation.method.uppercased())!
                for id in ids["{id}"]! where operation.path.contains("{id}") || id == project {
                    let path = operation.path.replacingOccurrences(of: "{id}", with: id)
                    let body: JSONValue? =
                        operation.hasBody
                        ? [
                            "ids": [.string(task)], "priority": 1, "name": "n", "type": "categorization",
                            "data": ["a": 2], "metadata": ["m": 1], "add": ["y"], "upload": true,
                        ] : nil
                    let reply = try await app.send(method, path, json: body, headers: other)
                    if operation.path.contains("{id}") {
                        #expect(
                            [400, 403, 404].contains(reply.status.code),
                            "\(operation.method) \(path) answered \(reply.status)")
                    }
                }
            }
            let lists = try await app.send(.get, "/api/v1/tasks?include_total=true", headers: other)
            #expect(lists.json["total"] == .int(0))
            #expect(try await app.send(.get, "/api/v1/projects", headers: other).json["projects"] == [])
            #expect(try await app.send(.get, "/api/v1/tasks/\(task)").bytes == before)
            #expect(try await app.send(.get, "/api/v1/projects/\(project)").status == .ok)
        }
    }
}
