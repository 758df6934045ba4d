import ArgumentParser
import AsyncHTTPClient
import Foundation
import LoupeDomain
import NIOHTTP1

/// 64 (by default) workers claim and submit through `POST /work/next` and `/submit` until the
/// queue is empty; reports claims/s, submits/s and the latency percentiles of each call. The
/// workers share one thread of plain sockets (`QueueWorkers`), leaving the CPU to the server.
struct Work: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Concurrent workers: claim + submit throughput and latency.")
    @OptionGroup var target: Target
    @Option(help: "Number of tasks.") var tasks = 5_000
    @Option(help: "Results per task.") var overlap = 3
    @Option(help: "Concurrent workers.") var workers = 64
    @Option(help: "Stop after this many seconds even if work remains.") var maxSeconds = 120.0
    @Option(help: "Server process id, to report its CPU time per claim and submit.") var serverPid: Int32?
    @Option(help: "Concurrent wrong-password guessers during the run (0: none; see LoginFlood).")
    var loginFlood = 0

    func run() async throws {
        try await target.withClient { client in
            let (_, created) = try await client.request(
                .POST, "/api/v1/projects",
                json: [
                    "name": .string("work-bench-\(UUID().uuidString.prefix(8))"), "type": "categorization",
                    "params": ["categories": ["cat", "dog"]], "settings": ["overlap": .int(Int64(overlap))],
                ])
            let projectID = try Self.string(created, "id")
            for start in stride(from: 0, to: tasks, by: 1_000) {
                let items: [JSONValue] = (start..<min(start + 1_000, tasks)).map {
                    ["data": ["text": .string("item \($0)")]]
                }
                _ = try await client.request(
                    .POST, "/api/v1/projects/\(projectID)/batches", json: ["tasks": .array(items)])
            }
            var tokens: [String] = []
            let suffix = UUID().uuidString.prefix(8).lowercased()
            for index in 0..<workers {
                let email = JSONValue.string("bench-\(suffix)-\(index)@loupe.local")
                _ = try await client.request(
                    .POST, "/api/v1/users", json: ["email": email, "password": "bench-password-1", "roles": ["worker"]])
                let (_, session) = try await client.request(
                    .POST, "/api/v1/auth/token", json: ["email": email, "password": "bench-password-1"])
                tokens.append(try Self.string(session, "token"))
            }
            guard let base = URLComponents(string: client.baseURL), let host = base.host else {
                throw ValidationError("--url must be an http URL with a host")
            }
            let start = ContinuousClock.now
            let cpuBefore = serverPid.flatMap(ProcessCPU.seconds(pid:))
            let queue = QueueWorkers(
                host: host, port: base.port ?? 80, tokens: tokens, projectID: projectID, seconds: maxSeconds)
            let flood = LoginFlood(client: client, guessers: loginFlood, projectID: projectID)
            let (perWorker, seen) =
                loginFlood > 0 ? try await flood.run { try await queue.run() } : (try await queue.run(), nil)
            let timings = (perWorker.flatMap(\.claims).sorted(), perWorker.flatMap(\.submits).sorted())
            let seconds = (ContinuousClock.now - start).seconds
            let cpuAfter = serverPid.flatMap(ProcessCPU.seconds(pid:))
            print(String(format: "work: %d workers, %d tasks × overlap %d in %.2f s", workers, tasks, overlap, seconds))
            print(
                String(
                    format: "work: %d claims = %.0f claims/s; %d submits = %.0f submits/s", timings.0.count,
                    Double(timings.0.count) / seconds, timings.1.count, Double(timings.1.count) / seconds))
            print(
                String(
                    format: "work: work/next p50 %.2f ms p99 %.2f ms; submit p50 %.2f ms p99 %.2f ms",
                    Self.percentile(timings.0, 0.5), Self.percentile(timings.0, 0.99),
                    Self.percentile(timings.1, 0.5), Self.percentile(timings.1, 0.99)))
            print(
                String(
                    format: "work: work/next p90 %.2f ms p99.9 %.2f ms max %.2f ms",
                    Self.percentile(timings.0, 0.9), Self.percentile(timings.0, 0.999), timings.0.last ?? 0))
            if let seen {
                let reads = seen.reads.sorted()
                print(
                    String(
                        format:
                            "work: login flood of %d guessers: %d guesses = %.0f/s (%d refused 401, %d limited 429); "
                            + "GET project p50 %.2f ms p99 %.2f ms over %d reads",
                        loginFlood, seen.guesses, Double(seen.guesses) / seconds, seen.refused, seen.limited,
                        Self.percentile(reads, 0.5), Self.percentile(reads, 0.99), reads.count))
            }
            if let cpuBefore, let cpuAfter, !timings.0.isEmpty {
                print(
                    String(
                        format: "work: server CPU %.0f µs per claim + submit (%.2f cores)",
                        (cpuAfter - cpuBefore) * 1e6 / Double(timings.0.count), (cpuAfter - cpuBefore) / seconds))
            }
        }
    }

    static func string(_ value: JSONValue, _ key: String) throws -> String {
        guard let string = value.objectValue?[key]?.stringValue else {
            throw ValidationError("no \(key) in \(value.serialized())")
        }
        return string
    }

    static func percentile(_ sorted: [Double], _ share: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int(Double(sorted.count) * share))]
    }
}
