import Foundation
import LoupeDomain
import LoupeTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite("Log format")
struct LogFormatTests {
    /// `LOUPE_LOG_FORMAT=json` with the access log: every line on standard error is one JSON
    /// object, and a request's line carries its id (as sent back in `X-Request-ID`), organization,
    /// route pattern, status and latency.
    @Test func jsonLinesCarryTheRequestsFacts() async throws {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-log-\(UUID()).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: log) }
        let server = try await ServerProcess.start(
            environment: try await ServerProcess.freshEnvironment([
                "LOUPE_LOG_FORMAT": "json", "LOUPE_ACCESS_LOG": "1", "LOUPE_LOG_LEVEL": "info",
            ]),
            errorLog: log)
        defer { server.kill() }
        var request = URLRequest(url: URL(string: server.baseURL + "/api/v1/projects")!)
        request.httpMethod = "POST"
        request.setValue("Bearer \(TestDatabase.liveKey)", forHTTPHeaderField: "Authorization")
        request.httpBody = Data(#"{"name": "Logged", "type": "categorization"}"#.utf8)
        let (body, response) = try await URLSession.shared.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        #expect(http.statusCode == 201)
        let requestID = try #require(http.value(forHTTPHeaderField: "X-Request-ID"))
        let project = try #require(try JSONParser.parse(Array(body)).objectValue)
        _ = try await server.request("GET", "/api/v1/projects/\(try #require(project["id"]?.stringValue))")

        var lines: [JSONObject] = []
        for _ in 0..<50 {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            lines = text.split(separator: "\n").compactMap { try? JSONParser.parse(Array($0.utf8)).objectValue }
            let all = text.split(separator: "\n").count
            #expect(lines.count == all, "every line is one JSON object: \(text)")
            if lines.contains(where: { $0["request_id"]?.stringValue == requestID }) { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        let line = try #require(lines.first { $0["request_id"]?.stringValue == requestID }, "\(lines)")
        #expect(line["message"] == "request")
        #expect(line["level"] == "info")
        #expect(line["method"] == "POST")
        #expect(line["route"] == "/api/v1/projects")
        #expect(line["status"] == 201)
        #expect(line["organization"]?.stringValue?.count == 24)
        #expect((line["latency_ms"]?.doubleValue ?? -1) >= 0)
        #expect(line["time"]?.stringValue?.hasSuffix("Z") == true)
        #expect(lines.contains { $0["route"] == "/api/v1/projects/{id}" && $0["status"] == 200 })
    }
}
