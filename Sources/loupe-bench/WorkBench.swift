import ArgumentParser
import AsyncHTTPClient
import Foundation
import LoupeDomain
import NIOHTTP1

/// 64 (by default) workers claim and submit through `POST /work/next` and `/submit` until the
/// queue is empty; reports claims/s, submits/s and the latency percentiles of each call.
struct Work: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Concurrent workers: claim + submit throughput and latency.")
    @OptionGroup var target: Target
    @Option(help: "Number of tasks.") var tasks = 5_000
    @Option(help: "Results per task.") var overlap = 3
    @Option(help: "Concurrent workers.") var workers = 64
    @Option(help: "Stop after this many seconds even if work remains.") var maxSeconds = 120.0

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
                let items: [JSONValue] = (start..<min(start + 1_000, tasks)).map { ["data": ["text": .string("item \($0)")]] }
                _ = try await client.request(.POST, "/api/v1/projects/\(projectID)/batches", json: ["tasks": .array(items)])
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
            let deadline = ContinuousClock.now + .seconds(maxSeconds)
            let start = ContinuousClock.now
            let timings = try await withThrowingTaskGroup(of: ([Double], [Double]).self) { group in
                for token in tokens {
                    let worker = BenchClient(http: client.http, baseURL: client.baseURL, key: token)
                    group.addTask { try await Self.workUntilEmpty(worker, projectID: projectID, deadline: deadline) }
                }
                var claims: [Double] = []
                var submits: [Double] = []
                for try await (claimed, submitted) in group {
                    claims += claimed
                    submits += submitted
                }
                return (claims.sorted(), submits.sorted())
            }
            let seconds = (ContinuousClock.now - start).seconds
            print(String(format: "work: %d workers, %d tasks × overlap %d in %.2f s", workers, tasks, overlap, seconds))
            print(String(format: "work: %d claims = %.0f claims/s; %d submits = %.0f submits/s", timings.0.count,
                Double(timings.0.count) / seconds, timings.1.count, Double(timings.1.count) / seconds))
            print(String(format: "work: work/next p50 %.2f ms p99 %.2f ms; submit p50 %.2f ms p99 %.2f ms",
                Self.percentile(timings.0, 0.5), Self.percentile(timings.0, 0.99),
                Self.percentile(timings.1, 0.5), Self.percentile(timings.1, 0.99)))
        }
    }

    /// One worker's loop; returns the milliseconds of each claim and submit.
    static func workUntilEmpty(_ worker: BenchClient, projectID: String, deadline: ContinuousClock.Instant) async throws
        -> ([Double], [Double])
    {
        var claims: [Double] = []
        var submits: [Double] = []
        while ContinuousClock.now < deadline {
            let claimStart = ContinuousClock.now
            let (status, lease) = try await worker.request(.POST, "/api/v1/work/next", json: ["project_id": .string(projectID)])
            let claimed = (ContinuousClock.now - claimStart).seconds * 1000
            guard status == 200, let id = lease.objectValue?["assignment"]?.objectValue?["id"]?.stringValue else { break }
            claims.append(claimed)
            let submitStart = ContinuousClock.now
            let answer: JSONValue = ["answer": ["category": id.hasSuffix("0") ? "dog" : "cat"]]
            let (code, _) = try await worker.request(.POST, "/api/v1/assignments/\(id)/submit", json: answer)
            guard code == 200 else { throw ValidationError("submit answered \(code)") }
            submits.append((ContinuousClock.now - submitStart).seconds * 1000)
        }
        return (claims, submits)
    }

    static func string(_ value: JSONValue, _ key: String) throws -> String {
        guard let string = value.objectValue?[key]?.stringValue else { throw ValidationError("no \(key) in \(value.serialized())") }
        return string
    }

    static func percentile(_ sorted: [Double], _ share: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int(Double(sorted.count) * share))]
    }
}
