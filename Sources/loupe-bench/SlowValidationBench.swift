import ArgumentParser
import AsyncHTTPClient
import Foundation
import LoupeDomain
import NIOHTTP1
import Synchronization

/// `loupe-bench slow-validation`: the latency of unrelated task creates, alone and while workers
/// submit large answers that a delivery schema with a pattern checks string by string. A submit
/// checks the schema before its write, so the single writer never waits on it.
struct SlowValidation: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slow-validation", abstract: "Create latency while expensive answer validations run.")
    @OptionGroup var target: Target
    @Option(help: "Workers submitting large answers.") var submitters = 8
    @Option(help: "Strings in each answer, each checked against the pattern.") var strings = 4_000
    @Option(help: "Creates timed in each phase.") var creates = 300
    @Flag(help: "Make the last string break the pattern: every submit is checked in full, then refused (no write).")
    var refused = false

    func run() async throws {
        try await target.withClient { client in
            let schema: JSONValue = [
                "type": "object", "required": ["items"],
                "properties": [
                    "items": ["type": "array", "items": ["type": "string", "pattern": "^([a-z]+,)*[a-z]+$"]]
                ],
            ]
            let (_, slow) = try await client.request(
                .POST, "/api/v1/projects",
                json: [
                    "name": "slow-validation", "type": "form", "delivery_schema": schema, "settings": ["overlap": 1],
                ])
            let slowID = try Work.string(slow, "id")
            for start in stride(from: 0, to: submitters * 200, by: 1_000) {
                let items: [JSONValue] = (start..<min(start + 1_000, submitters * 200)).map {
                    ["data": ["n": .int(Int64($0))]]
                }
                _ = try await client.request(
                    .POST, "/api/v1/projects/\(slowID)/batches", json: ["tasks": .array(items)])
            }
            let (_, other) = try await client.request(
                .POST, "/api/v1/projects", json: ["name": "unrelated", "type": "categorization"])
            let otherID = try Work.string(other, "id")
            var tokens: [String] = []
            let suffix = UUID().uuidString.prefix(8).lowercased()
            for index in 0..<submitters {
                let email = JSONValue.string("slow-\(suffix)-\(index)@loupe.local")
                _ = try await client.request(
                    .POST, "/api/v1/users", json: ["email": email, "password": "bench-password-1", "roles": ["worker"]])
                let (_, session) = try await client.request(
                    .POST, "/api/v1/auth/token", json: ["email": email, "password": "bench-password-1"])
                tokens.append(try Work.string(session, "token"))
            }
            let good = JSONValue.string(Array(repeating: "lorem", count: 40).joined(separator: ","))
            let last = refused ? JSONValue.string("lorem,LOREM") : good
            let answer: JSONValue = [
                "answer": ["items": .array(Array(repeating: good, count: strings - 1) + [last])]
            ]
            let quiet = try await Self.timeCreates(client, otherID, creates)
            let submitted = Submitted()
            let load = Task {
                await withTaskGroup(of: Void.self) { group in
                    for token in tokens {
                        group.addTask {
                            let worker = BenchClient(http: client.http, baseURL: client.baseURL, key: token)
                            while !Task.isCancelled {
                                guard
                                    let (status, lease) = try? await worker.request(
                                        .POST, "/api/v1/work/next", json: ["project_id": .string(slowID)]),
                                    status == 200,
                                    let id = lease.objectValue?["assignment"]?.objectValue?["id"]?.stringValue
                                else { return }
                                let start = ContinuousClock.now
                                let (code, _) =
                                    (try? await worker.request(.POST, "/api/v1/assignments/\(id)/submit", json: answer))
                                    ?? (0, .null)
                                let seconds = (ContinuousClock.now - start).seconds
                                if code == 200 || (refused && code == 422) {
                                    submitted.times.withLock { $0.append(seconds * 1_000) }
                                } else {
                                    submitted.failures.withLock { $0 += 1 }
                                }
                            }
                        }
                    }
                }
            }
            try await Task.sleep(for: .milliseconds(500))
            let busy = try await Self.timeCreates(client, otherID, creates)
            load.cancel()
            await load.value
            let times = submitted.times.withLock { $0 }.sorted()
            print(
                String(
                    format: "slow-validation: creates alone p50 %.2f ms p99 %.2f ms", quiet.0, quiet.1))
            print(
                String(
                    format:
                        "slow-validation: creates beside %d workers submitting %d-string answers: p50 %.2f ms p99 %.2f ms",
                    submitters, strings, busy.0, busy.1))
            print(
                String(
                    format: "slow-validation: %d large submits (%d failed), each p50 %.1f ms p99 %.1f ms", times.count,
                    submitted.failures.withLock { $0 },
                    Work.percentile(times, 0.5), Work.percentile(times, 0.99)))
        }
    }

    /// p50 and p99 of `count` task creates in `project`, one at a time.
    static func timeCreates(_ client: BenchClient, _ project: String, _ count: Int) async throws -> (Double, Double) {
        var samples: [Double] = []
        for index in 0..<count {
            let start = ContinuousClock.now
            _ = try await client.request(
                .POST, "/api/v1/projects/\(project)/tasks", json: ["data": ["text": .string("item \(index)")]])
            samples.append((ContinuousClock.now - start).seconds * 1_000)
        }
        samples.sort()
        return (Work.percentile(samples, 0.5), Work.percentile(samples, 0.99))
    }
}

/// Submit latencies, shared by the workers' tasks.
private final class Submitted: Sendable {
    let times = Mutex<[Double]>([])
    let failures = Mutex(0)
}
