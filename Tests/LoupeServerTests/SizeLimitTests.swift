import Foundation
import HTTPTypes
import LoupeDomain
import Testing

/// Nothing one client sends can make every later read or ingest carry it without bound.
@Suite("Size limits")
struct SizeLimitTests {
    @Test func anOversizedUploadItemFailsAloneAndTheRestAreCreated() async throws {
        try await TestApp.run { app in
            let project = try await app.createProject()
            let created = try await app.send(.post, "/api/v1/projects/\(project)/batches", json: ["upload": true])
            let batch = try #require(created.json["id"]?.stringValue)
            let url = try #require(created.json["upload_url"]?.stringValue)
            let path = String(url[try #require(url.range(of: "/api/v1/uploads/"))!.lowerBound...])
            let huge = #"{"data": {"text": ""# + String(repeating: "x", count: 5 << 20) + #""}}"#
            let lines = [#"{"data": {"n": 0}}"#, huge, #"{"data": {"n": 2}}"#]
            #expect(
                try await app.send(.put, path, raw: Array(lines.joined(separator: "\n").utf8), headers: [:]).status
                    == .ok)
            #expect(try await app.send(.post, "/api/v1/batches/\(batch)/finalize").status == .accepted)
            var reply: Reply?
            for _ in 0..<300 where reply?.json["status"] != "completed" {
                try await Task.sleep(for: .milliseconds(50))
                reply = try await app.send(.get, "/api/v1/batches/\(batch)")
            }
            let final = try #require(reply)
            #expect(final.json["counts"] == ["total": 3, "created": 2, "failed": 1])
            let failure = final.json["failures"]?.arrayValue?.first?.objectValue
            #expect(failure?["index"] == 1)
            #expect(failure?["reason"]?.stringValue?.contains("limit for one task") == true)
        }
    }

    @Test func listsLeaveOutTheVersionHistoryWhichKeepsItsLastVersions() async throws {
        try await TestApp.run { app in
            let project = try await app.createProject()
            for edit in 0..<25 {
                let reply = try await app.send(
                    .patch, "/api/v1/projects/\(project)", json: ["instruction": .string("Version \(edit)")])
                #expect(reply.status == .ok)
            }
            let detail = try await app.send(.get, "/api/v1/projects/\(project)")
            let history = try #require(detail.json["param_history"]?.arrayValue)
            #expect(history.count == Project.keptVersions)
            #expect(history.last?.objectValue?["version"] == 26)
            #expect(detail.json["version"] == 26)
            let list = try await app.send(.get, "/api/v1/projects")
            #expect(list.json["projects"]?.arrayValue?.first?.objectValue?["param_history"] == nil)
            let withHistory = try await app.send(.get, "/api/v1/projects?include=param_history")
            #expect(
                withHistory.json["projects"]?.arrayValue?.first?.objectValue?["param_history"]?.arrayValue?.count == 20)
            #expect(try await app.send(.get, "/api/v1/projects?include=everything").errorPaths == ["include"])
        }
    }

    @Test func instructionsAndMetadataHaveLimitsNamingTheField() async throws {
        try await TestApp.run { app in
            let long = try await app.send(
                .post, "/api/v1/projects",
                json: [
                    "name": "A", "type": "text",
                    "instruction": .string(String(repeating: "x", count: ProjectSpec.instructionLimit + 1)),
                ])
            #expect(long.status == .badRequest)
            #expect(long.errorPaths == ["/instruction"])
            var metadata = JSONObject()
            for index in 0..<2_000 { metadata["key\(index)"] = .string(String(repeating: "v", count: 40)) }
            let big = try await app.send(
                .post, "/api/v1/projects", json: ["name": "B", "type": "text", "metadata": .object(metadata)])
            #expect(big.status == .badRequest)
            #expect(big.errorPaths == ["/metadata"])
        }
    }
}
