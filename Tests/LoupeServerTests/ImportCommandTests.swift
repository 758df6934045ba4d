import Foundation
import LoupeDomain
import LoupeTestSupport
import Testing

@Suite("loupe import", .serialized, .timeLimit(.minutes(10)))
struct ImportCommandTests {
    static func jsonl(_ count: Int) throws -> String {
        let path = NSTemporaryDirectory() + "loupe-import-\(UUID().uuidString).jsonl"
        var text = ""
        text.reserveCapacity(count * 40)
        for index in 0..<count { text += #"{"data": {"n": \#(index), "text": "item \#(index)"}}"# + "\n" }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func tasks(_ server: ServerProcess, _ project: String) async throws -> Int64 {
        let (_, stats) = try await server.request("GET", "/api/v1/projects/\(project)/stats")
        return stats["counts"]?.objectValue?["pending"]?.intValue ?? -1
    }

    /// Lines in the large import: 20,000, so the run (which holds a test thread while it waits)
    /// stays short beside the rest of the suite; 100,000 were run by hand (2.9 s, BENCHMARKS.md).
    static let lines = 20_000

    /// 20,000 JSONL lines through a running server with the progress bar drawn; running the same
    /// command again finds the finished batch and creates nothing more.
    @Test func aHundredThousandLinesWithAProgressBarAndNoDoubleRun() async throws {
        let server = try await ServerProcess.start(environment: try await ServerProcess.freshEnvironment([:]))
        defer { server.kill() }
        let project = try #require(
            try await server.send("POST", "/api/v1/projects", json: ["name": "Imported", "type": "categorization"])[
                "id"]?.stringValue)
        let file = try Self.jsonl(Self.lines)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let arguments = [
            "import", "--project", project, file, "--url", server.baseURL, "--key", TestDatabase.liveKey, "--progress",
        ]
        let (status, output) = try await ExternalProcess.run(AdminCommandTests.executable, arguments)
        #expect(status == 0, "\(output)")
        let total = ProgressBarText.grouped(Self.lines)
        #expect(output.contains("100% \(total)/\(total)"), "the task bar reaches the end: \(output.suffix(400))")
        #expect(output.contains(" MB/s"), "the upload bar shows its rate")
        #expect(output.contains("\(Self.lines) tasks created, 0 failed"))
        #expect(!FileManager.default.fileExists(atPath: file + ".loupe-import"), "no state is left once it ended")
        let (again, second) = try await ExternalProcess.run(AdminCommandTests.executable, arguments)
        #expect(again == 0, "\(second)")
        #expect(try await Self.tasks(server, project) == Int64(Self.lines), "the second run created nothing")
    }

    /// An import that stopped after creating its batch (state saved, nothing uploaded) is carried
    /// on by the next run: the file is sent, finalized and ingested once.
    @Test func anInterruptedImportIsCarriedOn() async throws {
        let server = try await ServerProcess.start(environment: try await ServerProcess.freshEnvironment([:]))
        defer { server.kill() }
        let project = try #require(
            try await server.send("POST", "/api/v1/projects", json: ["name": "Resumed", "type": "categorization"])[
                "id"]?.stringValue)
        let file = try Self.jsonl(5_000)
        defer { try? FileManager.default.removeItem(atPath: file) }
        // What a run killed right after creating its batch leaves behind.
        let batch = try await server.send(
            "POST", "/api/v1/projects/\(project)/batches", json: ["upload": true, "client_batch_id": "resume-1"])
        let state: JSONValue = [
            "project_id": .string(project), "batch_id": batch["id"] ?? .null,
            "upload_url": batch["upload_url"] ?? .null,
        ]
        try Data(state.serializedBytes()).write(to: URL(fileURLWithPath: file + ".loupe-import"))
        let (status, output) = try await ExternalProcess.run(
            AdminCommandTests.executable,
            [
                "import", "--project", project, file, "--url", server.baseURL, "--key", TestDatabase.liveKey,
                "--client-batch-id", "resume-1",
            ])
        #expect(status == 0, "\(output)")
        #expect(output.contains("batch \(batch["id"]?.stringValue ?? "?") completed: 5000 tasks created"), "\(output)")
        #expect(try await Self.tasks(server, project) == 5_000)
    }
}

/// Thousands separated by commas, as the progress bar writes counts.
enum ProgressBarText {
    static func grouped(_ count: Int) -> String {
        let digits = Array(String(count))
        return String(
            digits.enumerated().flatMap { index, digit in
                index > 0 && (digits.count - index) % 3 == 0 ? [",", digit] : [digit]
            })
    }
}
