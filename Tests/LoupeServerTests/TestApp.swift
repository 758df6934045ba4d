import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LoupeDomain
import LoupeHTTP
import LoupeServer
import LoupeTestSupport
import NIOCore
import Testing

/// A running test instance and typed helpers for its API.
struct TestApp {
    let client: any TestClientProtocol
    let configuration: AppConfiguration

    static let live: HTTPFields = [.authorization: "Bearer \(TestDatabase.liveKey)"]
    static let test: HTTPFields = [.authorization: "Bearer \(TestDatabase.testKey)"]

    /// Runs `body` against a fresh instance through the in-process router.
    static func run(
        configure: (inout AppConfiguration) -> Void = { _ in }, dialects: [any APIDialect] = StandardDialects.all,
        overSockets: Bool = false, _ body: @Sendable @escaping (TestApp) async throws -> Void
    ) async throws {
        var configured = try await TestDatabase.freshConfiguration()
        configure(&configured)
        let configuration = configured
        let app = try await buildApplication(configuration: configuration, dialects: dialects)
        try await app.test(overSockets ? .live : .router) { client in
            try await body(TestApp(client: client, configuration: configuration))
        }
    }

    /// Sends a request; `json` is serialized as the body.
    func send(
        _ method: HTTPRequest.Method, _ uri: String, json: JSONValue? = nil, raw: [UInt8]? = nil,
        headers: HTTPFields = live
    ) async throws -> Reply {
        let bytes = raw ?? json?.serializedBytes()
        let response = try await client.execute(
            uri: uri, method: method, headers: headers, body: bytes.map { ByteBuffer(bytes: $0) })
        let body = Array(response.body.readableBytesView)
        return Reply(status: response.status, headers: response.headers, bytes: body)
    }

    /// Creates a project and returns its id.
    func createProject(_ name: String = "Cats", schema: JSONValue? = nil) async throws -> String {
        var body: JSONObject = ["name": .string(name), "type": "categorization", "instruction": "Pick"]
        if let schema { body["creation_schema"] = schema }
        let reply = try await send(.post, "/api/v1/projects", json: .object(body))
        #expect(reply.status == .created)
        return try #require(reply.json["id"]?.stringValue)
    }

    /// Polls `uri` (every 50 ms, at most `seconds`) until `done` holds for its JSON; returns the last reply.
    func waitFor(_ uri: String, seconds: Double = 90, headers: HTTPFields = live, _ done: (JSONObject) -> Bool)
        async throws -> Reply
    {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let reply = try await send(.get, uri, headers: headers)
            if done(reply.json) || Date() > deadline { return reply }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Creates a task and returns its JSON.
    func createTask(_ projectID: String, _ body: JSONValue) async throws -> Reply {
        try await send(.post, "/api/v1/projects/\(projectID)/tasks", json: body)
    }
}

/// A response with its body parsed on demand.
struct Reply {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let bytes: [UInt8]

    var json: JSONObject { (try? JSONParser.parse(bytes))?.objectValue ?? JSONObject() }
    var errorCode: String? { json["error"]?.objectValue?["code"]?.stringValue }
    var errorPaths: [String] {
        json["error"]?.objectValue?["details"]?.arrayValue?.compactMap { $0.objectValue?["path"]?.stringValue } ?? []
    }
    var text: String { String(decoding: bytes, as: UTF8.self) }
}
