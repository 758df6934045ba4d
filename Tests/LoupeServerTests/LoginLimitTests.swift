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
    static func login(_ app: TestApp, _ email: String, _ password: String, from address: String) async throws -> Reply {
        try await app.send(
            .post, "/api/v1/auth/token", json: ["email": .string(email), "password": .string(password)],
            headers: [HTTPField.Name("X-Forwarded-For")!: address])
    }

    @Test func failuresElsewhereDoNotLockTheUserOutAndEvery429SaysWhenToRetry() async throws {
        try await TestApp.run(configure: { $0.trustedProxies = ["127.0.0.1", "::1"] }, overSockets: true) { app in
            _ = try await app.send(
                .post, "/api/v1/users", json: ["email": "alice@example.com", "password": "correct horse", "roles": ["worker"]])
            for _ in 0..<5 {
                #expect(try await Self.login(app, "alice@example.com", "guess", from: "203.0.113.9").status == .unauthorized)
            }
            let locked = try await Self.login(app, "alice@example.com", "correct horse", from: "203.0.113.9")
            #expect(locked.status == .tooManyRequests)
            let wait = Int(locked.headers[.retryAfter] ?? "") ?? 0
            #expect((1...300).contains(wait))
            // Alice, from her own address, is not locked out by the attacker's failures.
            #expect(try await Self.login(app, "alice@example.com", "correct horse", from: "198.51.100.7").status == .ok)

            // One address spraying a password across e-mails is stopped too.
            var sprayed: Reply?
            for index in 0..<40 {
                let reply = try await Self.login(app, "user\(index)@example.com", "Winter2026!", from: "192.0.2.66")
                if reply.status == .tooManyRequests {
                    sprayed = reply
                    break
                }
            }
            let refusal = try #require(sprayed, "a sprayer was never refused")
            #expect(refusal.headers[.retryAfter] != nil)
        }
    }

    @Test func passwordsCountInFullPastBcryptsSeventyTwoBytes() async throws {
        try await TestApp.run { app in
            let long = String(repeating: "a", count: 72)
            _ = try await app.send(
                .post, "/api/v1/users", json: ["email": "long@example.com", "password": .string(long + "-one"), "roles": ["worker"]])
            let other = try await app.send(
                .post, "/api/v1/auth/token", json: ["email": "long@example.com", "password": .string(long + "-two")], headers: [:])
            #expect(other.status == .unauthorized)
            let right = try await app.send(
                .post, "/api/v1/auth/token", json: ["email": "long@example.com", "password": .string(long + "-one")], headers: [:])
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
        for index in 0..<2_000 { throttle.recordFailure(email: "flood\(index)@example.com", address: "10.0.\(index / 250).\(index % 250)") }
        #expect(throttle.count <= 200)
        #expect(throttle.retryAfter(email: "victim@example.com", address: "203.0.113.9") != nil)
        #expect(throttle.retryAfter(email: "victim@example.com", address: "198.51.100.7") == nil)
    }
}
