import HTTPTypes
import LoupeDomain
import LoupeTestSupport
import Testing

@Suite("Bad input is a clear 4xx and changes nothing")
struct BadInputTests {
    @Test func malformedBodiesNameTheProblem() async throws {
        try await TestApp.run { app in
            let project = try await app.createProject(
                schema: [
                    "type": "object", "required": ["url"], "properties": ["url": ["type": "string", "format": "uri"]],
                ])
            let uri = "/api/v1/projects/\(project)/tasks"
            let malformed = try await app.send(.post, uri, raw: Array("{\"data\": ".utf8))
            #expect(malformed.status == .badRequest)
            #expect(malformed.errorCode == "invalid_json")
            let invalidUTF8 = try await app.send(.post, uri, raw: [0x7B, 0x22, 0x64, 0xFF, 0x22, 0x3A, 0x31, 0x7D])
            #expect(invalidUTF8.status == .badRequest)
            let wrongType = try await app.send(.post, uri, json: ["data": ["url": "https://x.io"], "priority": "high"])
            #expect(wrongType.status == .badRequest)
            #expect(wrongType.errorPaths == ["/priority"])
            let unknownField = try await app.send(.post, uri, json: ["data": ["url": "https://x.io"], "colour": "red"])
            #expect(unknownField.errorPaths == ["/colour"])
            let schema = try await app.send(.post, uri, json: ["data": ["url": 5]])
            #expect(schema.status == .unprocessableContent)
            #expect(schema.errorPaths == ["/data/url"])
            let missing = try await app.send(.post, uri, json: ["data": [:]])
            #expect(missing.errorPaths == ["/data/url"])
            let unknownProject = try await app.send(
                .post, "/api/v1/projects/0123456789abcdef01234567/tasks", json: ["data": [:]])
            #expect(unknownProject.status == .notFound)
            let huge = try await app.send(.post, uri, raw: [UInt8](repeating: 0x20, count: 100 << 20))
            #expect(huge.status == .contentTooLarge)
            #expect(huge.errorCode == "payload_too_large")
            let list = try await app.send(.get, "/api/v1/tasks?include_total=true")
            #expect(list.json["total"] == .int(0))
        }
    }

    @Test func aSchemaWhoseRefLoopsIsRefusedAndTheServerStaysUp() async throws {
        try await TestApp.run { app in
            let loops: [JSONValue] = [
                ["$ref": "#"],
                ["$defs": ["a": ["$ref": "#/$defs/b"], "b": ["$ref": "#/$defs/a"]], "$ref": "#/$defs/a"],
                ["properties": ["x": ["$ref": "#/properties/x"]]],
                ["$ref": "#foo"],
            ]
            for (field, schema) in loops.flatMap({ s in ["creation_schema", "delivery_schema"].map { ($0, s) } }) {
                var body: JSONObject = ["name": "Loop", "type": "categorization", "instruction": "x"]
                body[field] = schema
                let reply = try await app.send(.post, "/api/v1/projects", json: .object(body))
                #expect(reply.status == .unprocessableContent)
                #expect(reply.errorPaths.count == 1)
                #expect(reply.errorPaths.first?.hasPrefix("/\(field)") == true)
                #expect(reply.errorPaths.first?.hasSuffix("$ref") == true)
            }
            // A recursive schema that descends into the data is fine, and deep data neither crashes nor hangs.
            let tree = try await app.createProject(schema: ["type": "object", "properties": ["next": ["$ref": "#"]]])
            var deep: JSONValue = [:]
            for _ in 0..<200 { deep = ["next": deep] }
            #expect(try await app.createTask(tree, ["data": deep]).status == .created)
            #expect(try await app.send(.get, "/health").status == .ok)
        }
    }

    @Test func duplicateKeysAreRefusedNamingTheKey() async throws {
        try await TestApp.run { app in
            let top = try await app.send(
                .post, "/api/v1/projects", raw: Array(#"{"name": "A", "name": "B", "type": "x"}"#.utf8))
            #expect(top.status == .badRequest)
            #expect(top.errorCode == "invalid_json")
            #expect(top.json["error"]?.objectValue?["message"]?.stringValue?.contains("duplicate key \"name\"") == true)
            #expect(top.errorPaths == ["/name"])
            let project = try await app.createProject()
            let nested = try await app.send(
                .post, "/api/v1/projects/\(project)/batches",
                raw: Array(#"{"tasks": [{"data": {}}, {"data": {"a": 1, "a": 2}}]}"#.utf8))
            #expect(nested.status == .badRequest)
            #expect(nested.errorPaths == ["/tasks/1/data/a"])
            let scale = try await app.send(
                .post, "/scale/v1/task/categorization", raw: Array(#"{"attachment": "a", "attachment": "b"}"#.utf8))
            #expect(scale.status == .badRequest)
            #expect(
                try await app.send(.get, "/api/v1/projects").json["projects"]?.arrayValue?.count == 1,
                "nothing was created")
        }
    }

    @Test func aFormBodyAtTheSizeLimitIsReadInLinearTime() async throws {
        try await TestApp.run { app in
            // 4 MiB of distinct keys: the old reader's time grew with the square of their number
            // (a 277 KB body took 5.6 s); this one reads it in a fraction of a second.
            var body = "attachment=a+cat&attachment_type=text&categories=cat&categories=dog"
            var index = 0
            while body.utf8.count < (4 << 20) - 64 {
                body += "&metadata[k\(index)]=v"
                index += 1
            }
            let started = ContinuousClock.now
            let reply = try await app.send(
                .post, "/scale/v1/task/categorization", raw: Array(body.utf8),
                headers: TestApp.live + [.contentType: "application/x-www-form-urlencoded"])
            #expect(reply.status == .ok, "\(reply.text.prefix(300))")
            #expect(reply.json["metadata"]?.objectValue?.count == index)
            #expect(ContinuousClock.now - started < .seconds(60), "the old reader needed about 15 minutes")
        }
    }

    @Test func badLimitsAndForgedTokens() async throws {
        try await TestApp.run { app in
            for query in ["limit=-1", "limit=0", "limit=1001", "limit=abc"] {
                let reply = try await app.send(.get, "/api/v1/tasks?\(query)")
                #expect(reply.status == .badRequest)
                #expect(reply.errorPaths == ["limit"])
            }
            for token in ["garbage", "AAAA.BBBB", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3fGFiYw.AAAAAAAAAAAAAAAAAAAAAA"] {
                let reply = try await app.send(.get, "/api/v1/tasks?next_token=\(token)")
                #expect(reply.status == .badRequest)
                #expect(reply.errorPaths == ["next_token"])
            }
            #expect(try await app.send(.get, "/api/v1/tasks?created_after=yesterday").errorPaths == ["created_after"])
            #expect(try await app.send(.get, "/api/v1/tasks?status=done").errorPaths == ["status"])
            #expect(
                try await app.send(.get, "/api/v1/tasks?created_after=2026-11-22T10:00:00.123456789Z").status == .ok)
        }
    }

    @Test func tokensFromOneQueryDoNotWorkForAnother() async throws {
        try await TestApp.run { app in
            let project = try await app.createProject()
            for _ in 0..<3 { _ = try await app.createTask(project, ["data": ["a": 1]]) }
            let page = try await app.send(.get, "/api/v1/tasks?limit=1")
            let token = try #require(page.json["next_token"]?.stringValue)
            #expect(try await app.send(.get, "/api/v1/tasks?limit=1&next_token=\(token)").status == .ok)
            #expect(
                try await app.send(.get, "/api/v1/tasks?limit=1&status=pending&next_token=\(token)").status
                    == .badRequest)
        }
    }

    @Test func unknownRoutesAnswerWithTheEnvelope() async throws {
        try await TestApp.run { app in
            let reply = try await app.send(.get, "/api/v1/nothing-here")
            #expect(reply.status == .notFound)
            #expect(reply.errorCode == "not_found")
        }
    }
}
