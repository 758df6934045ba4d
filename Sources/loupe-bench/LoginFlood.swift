import AsyncHTTPClient
import Foundation
import LoupeDomain
import NIOCore
import NIOHTTP1
import Synchronization

/// Wrong-password logins from many client addresses at once, beside the queue workers: each
/// guess names a random address in `X-Forwarded-For` (start the server with
/// `LOUPE_TRUSTED_PROXIES=127.0.0.1`), so the per-address limit does not stop it and every guess
/// costs the server a bcrypt run — a botnet's flood, the worst case for the hashing pool. One
/// reader meanwhile times `GET` of a project.
struct LoginFlood: Sendable {
    let client: BenchClient
    /// Concurrent guessers.
    let guessers: Int
    /// The project the reader reads.
    let projectID: String

    /// What the flood and the reader saw.
    struct Outcome {
        var guesses = 0
        var refused = 0
        var limited = 0
        var reads: [Double] = []
    }

    /// The outcome, shared by the flood's tasks.
    final class Tally: Sendable {
        let outcome = Mutex(Outcome())
    }

    /// Runs until `body` returns; then reports.
    func run<T: Sendable>(while body: () async throws -> T) async throws -> (T, Outcome) {
        let counts = Tally()
        let flood = Task {
            await withTaskGroup(of: Void.self) { group in
                for guesser in 0..<guessers {
                    group.addTask { await guess(guesser, counts) }
                }
                group.addTask { await read(counts) }
            }
        }
        let result = try await body()
        flood.cancel()
        await flood.value
        return (result, counts.outcome.withLock { $0 })
    }

    private func guess(_ guesser: Int, _ counts: Tally) async {
        var number = 0
        while !Task.isCancelled {
            number += 1
            var request = HTTPClientRequest(url: client.baseURL + "/api/v1/auth/token")
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.headers.add(
                name: "X-Forwarded-For", value: "10.\(guesser % 250).\(number / 250 % 250).\(number % 250)")
            let body: JSONValue = [
                "email": .string("victim-\(number % 1_000)@loupe.local"), "password": "wrong-password-123",
            ]
            request.body = .bytes(ByteBuffer(bytes: body.serializedBytes()))
            guard let response = try? await client.http.execute(request, timeout: .seconds(30)) else { continue }
            _ = try? await response.body.collect(upTo: 1 << 20)
            counts.outcome.withLock { outcome in
                outcome.guesses += 1
                if response.status == .unauthorized { outcome.refused += 1 }
                if response.status == .tooManyRequests { outcome.limited += 1 }
            }
        }
    }

    private func read(_ counts: Tally) async {
        // A client of its own: the guessers' pool would make the read wait for a connection.
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        let reader = BenchClient(http: http, baseURL: client.baseURL, key: client.key)
        defer { Task { try? await http.shutdown() } }
        while !Task.isCancelled {
            let start = ContinuousClock.now
            guard (try? await reader.request(.GET, "/api/v1/projects/\(projectID)")) != nil else { continue }
            let milliseconds = (ContinuousClock.now - start).seconds * 1_000
            counts.outcome.withLock { $0.reads.append(milliseconds) }
            try? await Task.sleep(for: .milliseconds(2))
        }
    }
}
