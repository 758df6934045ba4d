import Foundation
import LoupeServer
import LoupeTestSupport
import Testing

/// The web UI in real headless Chromium (Selenium) against a live `loupe serve`: a worker does a
/// categorization with the keyboard, draws a box and a polygon, paints a segmentation (polygon,
/// brush, instances, eraser; submit blocked while pixels are unlabelled), fills a transcription
/// with two rows; a reviewer sends a result back; an admin creates keys and rotates a callback
/// auth key; the stored answers are checked through the API; every
/// screen is audited with axe-core's WCAG 2 A/AA rules and must log no console error.
/// Screenshots land in `.ci/artifacts/screenshots/<database>/`.
@Suite("Web UI in a real browser")
struct BrowserTests {
    /// Installs what the browser test needs when it is missing: Debian's chromium and its driver,
    /// selenium and axe-core (packaged as axe-selenium-python) from PyPI.
    static func ensureBrowser() async throws {
        if !FileManager.default.fileExists(atPath: "/usr/bin/chromedriver") {
            let (status, output) = try await ExternalProcess.run(
                "/usr/bin/env",
                [
                    "bash", "-c",
                    "apt-get install -y chromium chromium-driver >/dev/null 2>&1 || (apt-get update >/dev/null && apt-get install -y chromium chromium-driver)",
                ])
            if status != 0 { Issue.record("could not install chromium and chromium-driver:\n\(output)") }
        }
        if try await ExternalProcess.python(["-c", "import selenium, axe_selenium_python"]).0 != 0 {
            let (status, output) = try await ExternalProcess.python(
                [
                    "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "selenium==4.51.0",
                    "axe-selenium-python==2.1.6",
                ])
            if status != 0 { Issue.record("pip install selenium axe-selenium-python failed:\n\(output)") }
        }
    }

    @Test(.timeLimit(.minutes(10)))
    func workerAndReviewerFlowsInChromium() async throws {
        try await Self.ensureBrowser()
        let server = try await ServerProcess.startFresh(["LOUPE_EMBED_ORIGINS": "https://docs.example.org"])
        defer { server.kill() }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let script = root.appendingPathComponent("Tests/Browser/ui_test.py").path
        let screenshots = root.appendingPathComponent(
            ".ci/artifacts/screenshots/\(TestDatabase.isPostgres ? "postgres" : "sqlite")"
        ).path
        let (status, output) = try await ExternalProcess.python([
            script, server.baseURL, TestDatabase.liveKey, screenshots,
        ])
        #expect(status == 0, "ui_test.py failed (screenshots in \(screenshots)):\n\(output)")
        #expect(output.contains("OK browser flows"), "\(output)")
    }
}
