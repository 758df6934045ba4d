import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
import LoupeDomain
import LoupeServer
import LoupeTestSupport
import Synchronization
import Testing

/// A `loupe serve` child process.
final class ServerProcess: Sendable {
    let process: Process
    let baseURL: String

    /// Starts the built `loupe` binary next to the test bundle with `environment`, and waits for it to listen.
    /// Its standard error goes to the file at `errorLog` when given (created), else nowhere.
    static func start(environment: [String: String], errorLog: String? = nil) async throws -> ServerProcess {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("loupe")
        let process = Process()
        process.executableURL = executable
        process.arguments = ["serve", "--port", "0"]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe()
        process.standardOutput = output
        if let errorLog {
            _ = FileManager.default.createFile(atPath: errorLog, contents: nil)
            process.standardError = FileHandle(forWritingAtPath: errorLog)
        } else {
            process.standardError = FileHandle.nullDevice
        }
        let seen = SeenOutput()
        try ExternalProcess.launch(process)
        // A thread of its own reads the output to its end: a dispatch source on the pipe
        // (`readabilityHandler`) outlived by its descriptor crashed libdispatch's event loop.
        Thread {
            while true {
                let data = ExternalProcess.readChunk(output.fileHandleForReading)
                if data.isEmpty { return }
                seen.text.withLock { $0 += String(decoding: data, as: UTF8.self) }
            }
        }.start()
        for _ in 0..<600 {
            let text = seen.text.withLock { $0 }
            if let range = text.range(of: "running at http://127.0.0.1:"),
                let port = Int(text[range.upperBound...].prefix { $0.isNumber })
            {
                return ServerProcess(process: process, baseURL: "http://127.0.0.1:\(port)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        process.terminate()
        throw CocoaError(
            .fileReadUnknown,
            userInfo: [NSLocalizedDescriptionKey: "loupe serve did not start: \(seen.text.withLock { $0 })"])
    }

    /// The environment of a server on fresh storage with the suite's keys, plus `extra`.
    static func freshEnvironment(_ extra: [String: String]) async throws -> [String: String] {
        let configuration = try await TestDatabase.freshConfiguration()
        var environment = [
            "LOUPE_DATA_DIR": configuration.dataDirectory, "LOUPE_API_KEY": TestDatabase.liveKey,
            "LOUPE_TEST_API_KEY": TestDatabase.testKey, "LOUPE_ADMIN_PASSWORD": "admin-password-123",
            "LOUPE_RATE_LIMIT_KEY": "0", "LOUPE_RATE_LIMIT_ORG": "0", "LOUPE_PASSWORD_COST": "4",
            "LOUPE_LOG_LEVEL": "critical",
        ]
        if let url = configuration.databaseURL { environment["LOUPE_DATABASE_URL"] = url }
        return environment.merging(extra) { $1 }
    }

    private init(process: Process, baseURL: String) {
        self.process = process
        self.baseURL = baseURL
    }

    /// SIGKILL: no graceful shutdown, no lease given back.
    func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// `method path` with `token` (the live key by default): the status and the JSON body.
    func request(
        _ method: String, _ path: String, token: String = TestDatabase.liveKey, json: JSONValue? = nil,
        raw: Data? = nil
    ) async throws -> (Int, JSONObject) {
        var request = URLRequest(url: URL(string: baseURL + path)!)
        request.httpMethod = method
        request.timeoutInterval = 60
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        if let json {
            request.httpBody = Data(json.serializedBytes())
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        if let raw { request.httpBody = raw }
        let (data, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        return (status, (try? JSONParser.parse(Array(data)))?.objectValue ?? [:])
    }

    /// Sends `json` to `path` with the live key; the JSON body of the answer.
    func send(_ method: String, _ path: String, json: JSONValue? = nil) async throws -> JSONObject {
        try await request(method, path, json: json).1
    }
}

/// What a server process printed so far.
private final class SeenOutput: Sendable {
    let text = Mutex("")
}

@Suite("Crash recovery")
struct CrashRecoveryTests {
    @Test func aKilledServerDeliversEveryEventAfterRestart() async throws {
        let eventCount = 1_000
        let delivering = Atomic<Bool>(false)
        let sink = WebhookSink { _ in delivering.load(ordering: .relaxed) ? 200 : 503 }
        try await sink.run { base in
            let configuration = try await TestDatabase.freshConfiguration()
            var environment = [
                "LOUPE_DATA_DIR": configuration.dataDirectory, "LOUPE_API_KEY": TestDatabase.liveKey,
                "LOUPE_TEST_API_KEY": TestDatabase.testKey, "LOUPE_ADMIN_PASSWORD": "admin-password-123",
                "LOUPE_RATE_LIMIT_KEY": "0", "LOUPE_RATE_LIMIT_ORG": "0", "LOUPE_PASSWORD_COST": "4",
                "LOUPE_ALLOW_PRIVATE_CALLBACKS": "1", "LOUPE_WEBHOOK_TIMEOUT": "1",
                "LOUPE_WEBHOOK_CONNECT_TIMEOUT": "1",
                "LOUPE_WEBHOOK_LEASE": "1", "LOUPE_WEBHOOK_POLL_INTERVAL": "0.05", "LOUPE_LOG_LEVEL": "critical",
            ]
            if let url = configuration.databaseURL { environment["LOUPE_DATABASE_URL"] = url }
            let first = try await ServerProcess.start(environment: environment)
            let project = try await first.send(
                "POST", "/api/v1/projects",
                json: [
                    "name": "Crash", "type": "categorization",
                    "settings": [
                        "callback": [
                            "url": .string(base + "/hook"), "events": ["task.created"],
                            "retry": ["max_attempts": 50, "initial_backoff": 0.2, "max_backoff": 0.5],
                        ]
                    ],
                ])
            let projectID = try #require(project["id"]?.stringValue)
            let items: [JSONValue] = (0..<eventCount).map { .object(["data": .object(["n": .int(Int64($0))])]) }
            let batch = try await first.send(
                "POST", "/api/v1/projects/\(projectID)/batches", json: ["tasks": .array(items)])
            #expect(batch["counts"]?.objectValue?["created"]?.intValue == Int64(eventCount), "\(batch)")
            // Let the dispatcher lease and fail some events, then kill it mid-flight.
            for _ in 0..<200 where sink.requests.count < 50 { try await Task.sleep(for: .milliseconds(20)) }
            #expect(sink.requests.count >= 50)
            first.kill()
            let failedBeforeKill = sink.requests.count
            delivering.store(true, ordering: .relaxed)
            let second = try await ServerProcess.start(environment: environment)
            defer { second.kill() }
            let deadline = Date().addingTimeInterval(90)
            var delivered = Set<String>()
            while Date() < deadline {
                delivered = Set(sink.requests.dropFirst(failedBeforeKill).compactMap { $0.header("webhook-id") })
                if delivered.count >= eventCount { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(delivered.count == eventCount, "every event arrives after the restart")
            let all = Set(sink.requests.compactMap { $0.header("webhook-id") })
            #expect(all.count == eventCount, "no event beyond the thousand written")
            let dead = try await second.send("GET", "/api/v1/projects/\(projectID)/events/dead")
            #expect(dead["events"]?.arrayValue?.isEmpty == true)
        }
    }
}
