import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
import Glibc
import HTTPTypes
import HummingbirdBcrypt
import LoupeDomain
import LoupeServer
import LoupeTestSupport
import Testing

@testable import LoupeHTTP

/// Logins are limited per e-mail and client address, never so that an attacker elsewhere locks a
/// user out; every 429 says when to try again; long passwords count in full.
@Suite("Login limits")
struct LoginLimitTests {
    /// Logs in to `server` as `email` from `address` (named in `X-Forwarded-For`, which the server
    /// believes from its loopback peer); returns the status and `Retry-After`. A plain socket with
    /// its own read timeout: no client pool to stall on a loaded machine, no child process to spawn.
    static func login(_ server: ServerProcess, _ email: String, _ password: String, from address: String) throws
        -> (status: Int, retryAfter: String?)
    {
        let body = JSONValue.object(["email": .string(email), "password": .string(password)]).serializedBytes()
        let head =
            "POST /api/v1/auth/token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + "X-Forwarded-For: \(address)\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n"
        let handle = ConnectionLimitTests.connect(port: try #require(URL(string: server.baseURL)?.port))
        defer { close(handle) }
        let request = Array(head.utf8) + body
        _ = request.withUnsafeBytes { send(handle, $0.baseAddress, $0.count, 0) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4_096)
        while true {
            let count = recv(handle, &buffer, buffer.count, 0)
            if count <= 0 { break }
            received += buffer[0..<count]
        }
        let lines = String(decoding: received, as: UTF8.self).split(separator: "\r\n").map(String.init)
        let status = lines.first.flatMap { $0.split(separator: " ").dropFirst().first.flatMap { Int($0) } } ?? 0
        let retryAfter = lines.first { $0.lowercased().hasPrefix("retry-after:") }
            .map { $0.dropFirst("retry-after:".count).trimmingCharacters(in: .whitespaces) }
        return (status, retryAfter)
    }

    @Test func failuresElsewhereDoNotLockTheUserOutAndEvery429SaysWhenToRetry() async throws {
        let server = try await ServerProcess.start(
            environment: try await ServerProcess.freshEnvironment(["LOUPE_TRUSTED_PROXIES": "127.0.0.1,::1"]))
        defer { server.kill() }
        _ = try await server.send(
            "POST", "/api/v1/users",
            json: ["email": "alice@example.com", "password": "correct horse", "roles": ["worker"]])
        for _ in 0..<5 {
            #expect(try Self.login(server, "alice@example.com", "guess", from: "203.0.113.9").status == 401)
        }
        let locked = try Self.login(server, "alice@example.com", "correct horse", from: "203.0.113.9")
        #expect(locked.status == 429)
        #expect((1...300).contains(Int(locked.retryAfter ?? "") ?? 0))
        // Alice, from her own address, is not locked out by the attacker's failures.
        #expect(try Self.login(server, "alice@example.com", "correct horse", from: "198.51.100.7").status == 200)

        // One address spraying a password across e-mails is stopped too.
        var sprayed: (status: Int, retryAfter: String?)?
        for index in 0..<40 {
            let reply = try Self.login(server, "user\(index)@example.com", "Winter2026!", from: "192.0.2.66")
            if reply.status == 429 {
                sprayed = reply
                break
            }
        }
        let refusal = try #require(sprayed, "a sprayer was never refused")
        #expect(refusal.retryAfter != nil)
    }

    @Test func passwordsCountInFullPastBcryptsSeventyTwoBytes() async throws {
        try await TestApp.run { app in
            let long = String(repeating: "a", count: 72)
            _ = try await app.send(
                .post, "/api/v1/users",
                json: ["email": "long@example.com", "password": .string(long + "-one"), "roles": ["worker"]])
            let other = try await app.send(
                .post, "/api/v1/auth/token", json: ["email": "long@example.com", "password": .string(long + "-two")],
                headers: [:])
            #expect(other.status == .unauthorized)
            let right = try await app.send(
                .post, "/api/v1/auth/token", json: ["email": "long@example.com", "password": .string(long + "-one")],
                headers: [:])
            #expect(right.status == .ok)
        }
    }

    @Test func hashesMadeBeforeStillVerifyAndAskToBeUpgraded() async throws {
        let legacy = Bcrypt.hash("old password", cost: 4)
        let hasher = PasswordHasher(threads: 1, queueLimit: 4)
        #expect(try await hasher.verify("old password", against: legacy) == (true, true))
        #expect(try await hasher.verify("wrong", against: legacy).matches == false)
        let fresh = try await hasher.hash("old password", cost: 4)
        #expect(fresh.hasPrefix("sha256:"))
        #expect(try await hasher.verify("old password", against: fresh) == (true, false))
    }

    @Test func aFloodOfNewNamesCannotClearALockOut() {
        var limits = LoginThrottle.Limits()
        limits.capacity = 200
        let throttle = LoginThrottle(limits: limits)
        for _ in 0..<5 { throttle.recordFailure(email: "victim@example.com", address: "203.0.113.9") }
        #expect(throttle.retryAfter(email: "victim@example.com", address: "203.0.113.9") != nil)
        for index in 0..<2_000 {
            throttle.recordFailure(email: "flood\(index)@example.com", address: "10.0.\(index / 250).\(index % 250)")
        }
        #expect(throttle.count <= 200)
        #expect(throttle.retryAfter(email: "victim@example.com", address: "203.0.113.9") != nil)
        #expect(throttle.retryAfter(email: "victim@example.com", address: "198.51.100.7") == nil)
    }
}
