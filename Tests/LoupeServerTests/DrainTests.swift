import Foundation
import LoupeDomain
import LoupeTestSupport
import Testing

@Suite("Health and draining")
struct DrainTests {
    /// SIGTERM: readiness turns 503 `draining` at once while liveness stays 200; no new lease is
    /// handed out (503 with Retry-After) but a held one can still be submitted and reads answer;
    /// after the drain period the process exits cleanly.
    @Test func sigtermDrainsThenStops() async throws {
        let server = try await ServerProcess.start(
            environment: try await ServerProcess.freshEnvironment(["LOUPE_DRAIN_SECONDS": "8"]))
        defer { if server.process.isRunning { server.kill() } }
        #expect(try await server.request("GET", "/health/live") == (200, ["status": "alive"]))
        #expect(try await server.request("GET", "/health/ready") == (200, ["status": "ready"]))
        let projectID = try #require(
            try await server.send("POST", "/api/v1/projects", json: ["name": "Drain", "type": "categorization"])["id"]?
                .stringValue)
        for index in 0..<2 {
            _ = try await server.send(
                "POST", "/api/v1/projects/\(projectID)/tasks", json: ["data": ["n": .int(Int64(index))]])
        }
        _ = try await server.send(
            "POST", "/api/v1/users", json: ["email": "d@x.io", "password": "drain-password-1", "roles": ["worker"]])
        let token = try #require(
            try await server.send(
                "POST", "/api/v1/auth/token", json: ["email": "d@x.io", "password": "drain-password-1"])[
                    "token"]?.stringValue)
        let (claimed, lease) = try await server.request("POST", "/api/v1/work/next", token: token)
        #expect(claimed == 200)
        let assignmentID = try #require(lease["assignment"]?.objectValue?["id"]?.stringValue)

        // The drain lasts 8 s: long enough for these checks on a machine loaded by the whole suite.
        server.process.terminate()
        try await Task.sleep(for: .milliseconds(300))
        let (readyStatus, ready) = try await server.request("GET", "/health/ready")
        #expect(readyStatus == 503)
        #expect(ready["status"] == "draining")
        #expect(try await server.request("GET", "/health/live").0 == 200)
        let (refusedStatus, refused) = try await server.request("POST", "/api/v1/work/next", token: token)
        #expect(refusedStatus == 503)
        #expect(refused["error"]?.objectValue?["code"] == "draining", "\(refused)")
        let (submitted, _) = try await server.request(
            "POST", "/api/v1/assignments/\(assignmentID)/submit", token: token, json: ["answer": ["category": "a"]])
        #expect(submitted == 200)
        #expect(try await server.request("GET", "/api/v1/projects/\(projectID)").0 == 200)

        let started = Date()
        while server.process.isRunning, Date().timeIntervalSince(started) < 40 {
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(!server.process.isRunning, "the server stops after draining")
        #expect(server.process.terminationStatus == 0)
    }

    /// Readiness follows the database: with PostgreSQL refusing connections (and the server's cut),
    /// `/health/ready` answers 503 `database_unavailable` within its two-second bound while
    /// `/health/live` stays 200; when connections are allowed again, ready is 200 again.
    @Test(.enabled(if: TestDatabase.isPostgres)) func readinessFollowsTheDatabase() async throws {
        let environment = try await ServerProcess.freshEnvironment([:])
        let server = try await ServerProcess.start(environment: environment)
        defer { server.kill() }
        let url = try #require(environment["LOUPE_DATABASE_URL"].flatMap(URLComponents.init(string:)))
        let name = String(url.path.dropFirst())
        #expect(try await server.request("GET", "/health/ready").0 == 200)
        try await TestDatabase.administer(
            "ALTER DATABASE \(name) ALLOW_CONNECTIONS false",
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(name)'")
        let started = Date()
        let (status, body) = try await server.request("GET", "/health/ready")
        #expect(status == 503)
        #expect(body["status"] == "database_unavailable", "\(body)")
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(try await server.request("GET", "/health/live").0 == 200)
        try await TestDatabase.administer("ALTER DATABASE \(name) ALLOW_CONNECTIONS true")
        var ready = 0
        for _ in 0..<50 where ready != 200 {
            ready = try await server.request("GET", "/health/ready").0
            if ready != 200 { try await Task.sleep(for: .milliseconds(200)) }
        }
        #expect(ready == 200, "ready again once the database takes connections")
    }
}
