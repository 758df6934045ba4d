import ArgumentParser
import AsyncHTTPClient
import Foundation
import LoupeDomain
import NIOHTTP1

/// Options to reach the server.
struct Target: ParsableArguments {
    @Option(help: "Server base URL.") var url = "http://127.0.0.1:8080"
    @Option(help: "Live API key.") var key: String

    func withClient<T>(_ body: (BenchClient) async throws -> T) async throws -> T {
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            let result = try await body(BenchClient(http: http, baseURL: url, key: key))
            try await http.shutdown()
            return result
        } catch {
            try? await http.shutdown()
            throw error
        }
    }
}

/// Ingest N tasks through the upload flow and report tasks/s and the server's peak RSS.
struct Ingest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Upload-flow ingest: first byte to batch completed.")
    @OptionGroup var target: Target
    @Option(help: "Number of tasks.") var tasks = 100_000
    @Option(help: "Server process id, to read its peak RSS.") var serverPid: Int32?
    @Option(help: "Project name to create.") var project = "bench-\(UUID().uuidString.prefix(8))"
    @Option(help: "Upload file shape: jsonl or csv.") var format = "jsonl"

    func run() async throws {
        guard format == "jsonl" || format == "csv" else { throw ValidationError("--format is jsonl or csv") }
        let file = NSTemporaryDirectory() + "loupe-bench-\(tasks).\(format)"
        try Self.writeFile(file, count: tasks, csv: format == "csv")
        try await target.withClient { client in
            let (_, created) = try await client.request(
                .POST, "/api/v1/projects", json: ["name": .string(project), "type": "categorization"])
            let projectID = created.objectValue!["id"]!.stringValue!
            let (_, batch) = try await client.request(
                .POST, "/api/v1/projects/\(projectID)/batches", json: ["upload": true])
            let batchID = batch.objectValue!["id"]!.stringValue!
            let uploadURL = batch.objectValue!["upload_url"]!.stringValue!
            let start = ContinuousClock.now
            let status = try await client.put(file: file, to: uploadURL)
            let uploaded = ContinuousClock.now - start
            guard status == 200 else { throw ValidationError("upload answered \(status)") }
            _ = try await client.request(.POST, "/api/v1/batches/\(batchID)/finalize")
            var peakRSS = 0.0
            var state = ""
            var counts = JSONValue.null
            while state != "completed" && state != "failed" {
                try await Task.sleep(for: .milliseconds(50))
                if let pid = serverPid, let rss = ProcessMemory.residentMegabytes(pid: pid, field: "VmRSS") {
                    peakRSS = max(peakRSS, rss)
                }
                let (_, value) = try await client.request(.GET, "/api/v1/batches/\(batchID)")
                state = value.objectValue?["status"]?.stringValue ?? ""
                counts = value.objectValue?["counts"] ?? .null
            }
            let seconds = (ContinuousClock.now - start).seconds
            let uploadSeconds = uploaded.seconds
            print("ingest: \(tasks) tasks (\(format)), status \(state), counts \(counts.serialized())")
            print(
                String(
                    format: "ingest: %.2f s end to end (upload %.2f s) = %.0f tasks/s", seconds, uploadSeconds,
                    Double(tasks) / seconds))
            if let pid = serverPid {
                let hwm = ProcessMemory.residentMegabytes(pid: pid, field: "VmHWM") ?? 0
                print(String(format: "ingest: server RSS peak sampled %.0f MB, VmHWM %.0f MB", peakRSS, hwm))
            }
            print("project: \(projectID)")
        }
        try? FileManager.default.removeItem(atPath: file)
    }

    /// The same items as JSONL or as CSV with a header row.
    static func writeFile(_ path: String, count: Int, csv: Bool) throws {
        FileManager.default.createFile(atPath: path, contents: nil)
        let handle = FileHandle(forWritingAtPath: path)!
        defer { try? handle.close() }
        var chunk = csv ? "url,camera,note,unique_id\r\n" : ""
        let filler = String(repeating: "x", count: 170)
        for index in 0..<count {
            let url = "https://images.example.com/streets/\(index).jpg"
            chunk +=
                csv
                ? "\(url),cam-\(index % 17),\(filler),bench-csv-\(index)\r\n"
                : "{\"data\":{\"url\":\"\(url)\",\"camera\":\"cam-\(index % 17)\",\"note\":\"\(filler)\"},\"unique_id\":\"bench-\(index)\"}\n"
            if chunk.utf8.count > 1 << 20 {
                handle.write(Data(chunk.utf8))
                chunk = ""
            }
        }
        handle.write(Data(chunk.utf8))
    }
}

/// Page through all tasks of a project with limit=1000 and report tasks/s.
struct Page: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Page through a project's tasks.")
    @OptionGroup var target: Target
    @Option(help: "Project id.") var project: String

    func run() async throws {
        try await target.withClient { client in
            let (total, seconds) = try await client.pageThrough("/api/v1/tasks?project=\(project)&limit=1000")
            print(String(format: "page: %d tasks in %.2f s = %.0f tasks/s", total, seconds, Double(total) / seconds))
        }
    }
}

/// Create one task and print its id (the target for `wrk`).
struct MakeTask: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "make-task", abstract: "Create one task; print its id.")
    @OptionGroup var target: Target
    @Option(help: "Project id.") var project: String

    func run() async throws {
        try await target.withClient { client in
            let (_, task) = try await client.request(
                .POST, "/api/v1/projects/\(project)/tasks", json: ["data": ["url": "https://example.com/x.jpg"]])
            print(task.objectValue?["id"]?.stringValue ?? "")
        }
    }
}
