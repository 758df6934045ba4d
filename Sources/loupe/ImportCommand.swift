import ArgumentParser
import AsyncHTTPClient
import Crypto
import Foundation
import LoupeDomain
import NIOCore
import NIOHTTP1

/// `loupe import --project ID FILE`: a JSON array, JSONL or CSV file of tasks through a running
/// server's upload flow (create the batch, PUT the file, finalize, follow the ingest), with a
/// progress bar for the upload and for task creation.
///
/// Resumable: the batch's `client_batch_id` is derived from the project and the file (path, size,
/// modification time), and the batch id and upload URL are kept in `FILE.loupe-import` until the
/// batch ends. Run the same command again after an interruption and it carries on: following an
/// ingest already under way, or sending the file again when the upload had not completed.
struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create tasks from a JSON, JSONL or CSV file through a running server (resumable).")
    @Option(help: "The project id.") var project: String
    @Argument(help: "The file: a JSON array, JSONL (one task per line) or CSV with a header row.") var file: String
    @Option(help: "The server (default: LOUPE_URL, else the local one on LOUPE_PORT or 8080).") var url: String?
    @Option(help: "An API key that may create tasks (default: LOUPE_API_KEY).") var key: String?
    @Option(help: "The batch's client id (default: derived from the project and the file).") var clientBatchID: String?
    @Flag(help: "Draw the progress bars even when standard error is not a terminal.") var progress = false

    func validate() throws {
        guard ObjectIDGenerator.isValid(project) else { throw ValidationError("--project must be a project id") }
        guard FileManager.default.isReadableFile(atPath: file) else { throw ValidationError("cannot read \(file)") }
        guard key ?? ProcessInfo.processInfo.environment["LOUPE_API_KEY"] != nil else {
            throw ValidationError("--key (or LOUPE_API_KEY) is required")
        }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let base =
            (url ?? environment["LOUPE_URL"] ?? "http://127.0.0.1:\(environment["LOUPE_PORT"] ?? "8080")")
            .trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        let attributes = try FileManager.default.attributesOfItem(atPath: file)
        let size = (attributes[.size] as? Int) ?? 0
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        let absolute = URL(fileURLWithPath: file).standardizedFileURL.path
        let derived =
            "import-"
            + SHA256.hash(data: Data("\(project)|\(absolute)|\(size)|\(modified)".utf8)).prefix(12)
            .map { String(format: "%02x", $0) }.joined()
        let client = ImportClient(base: base, key: key ?? environment["LOUPE_API_KEY"] ?? "")
        let importer = Importer(
            client: client, project: project, file: file, size: size, clientBatchID: clientBatchID ?? derived,
            state: ImportState(path: file + ".loupe-import"), estimatedTasks: Self.estimateTasks(file),
            showsProgress: progress || isatty(2) == 1)
        do {
            let summary = try await importer.run()
            try await client.http.shutdown()
            print(summary)
        } catch {
            try? await client.http.shutdown()
            throw error
        }
    }

    /// About how many tasks the file holds, for the bar: its lines (less the header for CSV);
    /// 0 (unknown) for a JSON array.
    static func estimateTasks(_ path: String) -> Int {
        guard let handle = FileHandle(forReadingAtPath: path) else { return 0 }
        defer { try? handle.close() }
        var lines = 0
        var first: UInt8?
        var lastByte: UInt8 = 10
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            if first == nil { first = chunk.first { $0 != 32 && $0 != 9 && $0 != 10 && $0 != 13 && $0 != 0xEF } }
            lines += chunk.reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
            lastByte = chunk.last ?? lastByte
        }
        if lastByte != 10 { lines += 1 }
        switch first {
        case UInt8(ascii: "["): return 0
        case UInt8(ascii: "{"): return lines
        default: return max(0, lines - 1)
        }
    }
}
