import Foundation
import LoupeServer
import LoupeTestSupport
import Testing

/// The official `scaleapi` Python client (2.18.4, installed by `.ci/run`) against a live server.
@Suite("Scale dialect with the official client")
struct ScaleClientTests {
    /// Installs the official client from PyPI when it is missing, so `swift test` alone runs these tests.
    static func ensureClient() async throws {
        if try await ExternalProcess.python(["-c", "import scaleapi"]).0 == 0 { return }
        let (status, output) = try await ExternalProcess.python([
            "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "scaleapi==2.18.4",
        ])
        if status != 0 { Issue.record("pip install scaleapi==2.18.4 failed:\n\(output)") }
    }

    /// Runs a client script against a fresh `loupe serve`; returns its exit status and output.
    static func runScript(_ name: String) async throws -> (Int32, String) {
        try await ensureClient()
        let server = try await ServerProcess.startFresh(["LOUPE_WEBHOOK_POLL_INTERVAL": "0.05"])
        defer { server.kill() }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("ClientCompat").appendingPathComponent(name)
        let interpreter = name.hasSuffix(".sh") ? "bash" : "python3"
        return try await ExternalProcess.run(
            "/usr/bin/env", [interpreter, script.path, server.baseURL, TestDatabase.liveKey, TestDatabase.testKey])
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
