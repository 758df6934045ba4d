import Foundation
import LoupeServer
import LoupeTestSupport
import Testing

/// The official `scaleapi` Python client (2.18.4, installed by `.ci/run`) against a live server.
@Suite("Scale dialect with the official client")
struct ScaleClientTests {
    /// Runs `python3` with `arguments`; returns its exit status and output.
    static func python(_ arguments: [String]) throws -> (Int32, String) {
        try run("/usr/bin/env", ["python3"] + arguments)
    }

    /// Runs `executable` with `arguments`; returns its exit status and output.
    static func run(_ executable: String, _ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Installs the official client from PyPI when it is missing, so `swift test` alone runs these tests.
    static func ensureClient() throws {
        if try python(["-c", "import scaleapi"]).0 == 0 { return }
        let (status, output) = try python(["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "scaleapi==2.18.4"])
        if status != 0 { Issue.record("pip install scaleapi==2.18.4 failed:\n\(output)") }
    }

    /// Runs a client script against a fresh `loupe serve`; returns its exit status and output.
    static func runScript(_ name: String) async throws -> (Int32, String) {
        try ensureClient()
        let configuration = try await TestDatabase.freshConfiguration()
        var environment = [
            "LOUPE_DATA_DIR": configuration.dataDirectory, "LOUPE_API_KEY": TestDatabase.liveKey,
            "LOUPE_TEST_API_KEY": TestDatabase.testKey, "LOUPE_ADMIN_PASSWORD": "admin-password-123",
            "LOUPE_LOG_LEVEL": "critical", "LOUPE_ALLOW_PRIVATE_CALLBACKS": "1", "LOUPE_WEBHOOK_POLL_INTERVAL": "0.05",
        ]
        if let url = configuration.databaseURL { environment["LOUPE_DATABASE_URL"] = url }
        let server = try await ServerProcess.start(environment: environment)
        defer { server.kill() }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("ClientCompat").appendingPathComponent(name)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let interpreter = name.hasSuffix(".sh") ? "bash" : "python3"
        process.arguments = [interpreter, script.path, server.baseURL, TestDatabase.liveKey, TestDatabase.testKey]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func officialClientDrivesProjectsBatchesAndTasks() async throws {
        let (status, output) = try await Self.runScript("scale_client_test.py")
        #expect(status == 0, "scale_client_test.py failed (pip install scaleapi==2.18.4 if it is missing):\n\(output)")
        #expect(output.contains("OK "))
    }

    @Test func theReferenceCurlExamplesRunAsWritten() async throws {
        let (status, output) = try await Self.runScript("scale_seed_curl.sh")
        #expect(status == 0, "\(output)")
        #expect(output.contains("OK 15 seed examples"), "\(output)")
    }
}
