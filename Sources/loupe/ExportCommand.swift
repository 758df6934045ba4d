import ArgumentParser
import Foundation
import Logging
import LoupeCore
import LoupeDomain
import LoupeServer
import LoupeStore

/// `loupe export --project ID --format jsonl|csv|coco|yolo|voc --out FILE`: the same stream as
/// `GET /api/v1/projects/{id}/export`, written to a file with a progress bar on standard error.
struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export a project's completed tasks (or all of them) to a file.")
    @Option(help: "The project id.") var project: String
    @Option(help: "jsonl, csv, coco, yolo or voc.") var format: String = "jsonl"
    @Option(help: "The file to write (- for standard output).") var out: String
    @Option(help: "Only this batch.") var batch: String?
    @Option(help: "Only tasks completed after this RFC 3339 time.") var since: String?
    @Option(help: "Tasks in these statuses (all, or a comma list) instead of the completed ones.") var status: String?
    @Flag(help: "Export test-mode tasks instead of live ones.") var testMode = false
    @OptionGroup var storage: StorageOptions

    func validate() throws {
        guard ExportFormat(rawValue: format) != nil else {
            throw ValidationError(
                "--format must be one of: \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let since, Timestamp.parse(since) == nil { throw ValidationError("--since must be an RFC 3339 time") }
        do {
            _ = try TaskStatus.exportSelection(status, field: "--status")
        } catch {
            throw ValidationError(error.message)
        }
    }

    func run() async throws {
        let format = ExportFormat(rawValue: format)!
        var query = DeliveryQuery(projectID: project, testMode: testMode)
        query.batchID = batch
        query.completedAfter = since.flatMap(Timestamp.parse)
        query.statuses = try TaskStatus.exportSelection(status, field: "--status")
        let selection = query
        let output = try OutputFile(path: out)
        var configuration = storage.configuration()
        // A one-pass read: mapping the file would only add every page read to this process's RSS.
        configuration.sqliteMemoryMapBytes = 0
        let opened = try configuration.openDatabase(logger: Logger(label: "loupe"))
        let started = Date()
        let written = try await opened.withRunning { store in
            guard let project = try await store.project(id: selection.projectID) else {
                throw ValidationError("there is no project \(selection.projectID)")
            }
            let total = try await store.deliveryCount(selection)
            let bar = ProgressBar(total: total, enabled: out != "-")
            let count = try await TaskExporter(store: store).export(
                format, query: selection, exportedAt: .now(), labels: ExportLabels.of(params: project.params),
                emit: { try output.write($0) }, progress: { bar.show($0) })
            bar.finish()
            return count
        }
        try output.close()
        let seconds = Date().timeIntervalSince(started)
        let peak = Self.peakResidentMegabytes().map { String(format: ", peak RSS %.0f MB", $0) } ?? ""
        FileHandle.standardError.write(
            Data(
                "exported \(written) tasks as \(format.rawValue) to \(out) in \(String(format: "%.1f", seconds)) s\(peak)\n"
                    .utf8))
    }

    /// This process's peak resident memory (VmHWM) in MB, where /proc exists.
    static func peakResidentMegabytes() -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }
        return line?.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.flatMap { Double($0) }.map
        { $0 / 1_024 }
    }
}

/// A file (or standard output) written through one handle.
final class OutputFile: @unchecked Sendable {
    private let handle: FileHandle
    private let ownsHandle: Bool

    init(path: String) throws {
        if path == "-" {
            handle = .standardOutput
            ownsHandle = false
        } else {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw ValidationError("cannot create \(path)")
            }
            handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            ownsHandle = true
        }
    }

    func write(_ bytes: [UInt8]) throws { try handle.write(contentsOf: bytes) }
    func close() throws { if ownsHandle { try handle.close() } }
}
