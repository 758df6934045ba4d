import Foundation
import LoupeDomain
import LoupeTestSupport
import Testing

@Suite("Admin commands", .serialized, .timeLimit(.minutes(10)))
struct AdminCommandTests {
    static var executable: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("loupe").path
    }

    /// `loupe users create` adds a worker the running server lets log in (with a generated
    /// password printed once) and refuses a role it does not know naming `--roles`; `loupe backup`
    /// copies the database while tasks are being created, and a server started on the copy has
    /// every task acknowledged before the backup began.
    @Test(.enabled(if: !TestDatabase.isPostgres)) func usersAndABackupWhileServing() async throws {
        let environment = try await ServerProcess.freshEnvironment([:])
        let data = try #require(environment["LOUPE_DATA_DIR"])
        let server = try await ServerProcess.start(environment: environment)
        defer { server.kill() }

        let (created, output) = try await ExternalProcess.run(
            "/usr/bin/env",
            [
                "LOUPE_PASSWORD_COST=4", Self.executable, "users", "create", "--data-dir", data, "--email", "CLI@x.io",
                "--roles", "worker, reviewer", "--groups", "night",
            ])
        #expect(created == 0, "\(output)")
        let password = try #require(
            output.split(separator: "\n").first { $0.hasPrefix("password: ") }?.dropFirst("password: ".count))
        let (loggedIn, session) = try await server.request(
            "POST", "/api/v1/auth/token", json: ["email": "cli@x.io", "password": .string(String(password))])
        #expect(loggedIn == 200, "\(session)")
        let token = try #require(session["token"]?.stringValue)
        let me = try #require(try await server.request("GET", "/api/v1/me", token: token).1["user"]?.objectValue)
        #expect(me["groups"] == ["night"], "\(me)")
        #expect(me["roles"] == ["worker", "reviewer"], "\(me)")
        let (refused, why) = try await ExternalProcess.run(
            Self.executable, ["users", "create", "--data-dir", data, "--email", "b@x.io", "--roles", "worker,boss"])
        #expect(refused != 0)
        #expect(why.contains("--roles must be one of admin, requester, worker, reviewer"), "\(why)")

        let project = try #require(
            try await server.send("POST", "/api/v1/projects", json: ["name": "Kept", "type": "categorization"])["id"]?
                .stringValue)
        let items: [JSONValue] = (0..<500).map { .object(["data": .object(["n": .int(Int64($0))])]) }
        _ = try await server.send("POST", "/api/v1/projects/\(project)/batches", json: ["tasks": .array(items)])
        let writing = Task {
            for index in 0..<200 where !Task.isCancelled {
                _ = try? await server.send(
                    "POST", "/api/v1/projects/\(project)/tasks", json: ["data": ["late": .int(Int64(index))]])
            }
        }
        let copy = NSTemporaryDirectory() + "loupe-backup-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: copy, withIntermediateDirectories: true)
        let (backedUp, report) = try await ExternalProcess.run(
            Self.executable, ["backup", "--data-dir", data, "--out", copy + "/loupe.sqlite"])
        writing.cancel()
        _ = await writing.value
        #expect(backedUp == 0, "\(report)")
        #expect(report.contains("backed up"), "\(report)")

        var restored = environment
        restored["LOUPE_DATA_DIR"] = copy
        let second = try await ServerProcess.start(environment: restored)
        defer { second.kill() }
        let (status, stats) = try await second.request("GET", "/api/v1/projects/\(project)/stats")
        #expect(status == 200, "\(stats)")
        let pending = stats["counts"]?.objectValue?["pending"]?.intValue ?? 0
        #expect(pending >= 500, "every task created before the backup is in it: \(stats)")
        #expect(pending <= 700)
    }

    /// With PostgreSQL the command prints the `pg_dump` line to run, never the password.
    @Test func aPostgresBackupIsAPgDumpCommand() async throws {
        let (status, output) = try await ExternalProcess.run(
            Self.executable, ["backup", "--database-url", "postgres://loupe:s3cret@db.internal:5432/loupe"])
        #expect(status == 0)
        #expect(output.contains("pg_dump --format=custom"), "\(output)")
        #expect(output.contains("postgres://loupe@db.internal:5432/loupe"))
        #expect(!output.contains("s3cret"))
    }
}
