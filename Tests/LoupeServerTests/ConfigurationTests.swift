import Foundation
import Logging
import LoupeServer
import Testing

@Suite("Configuration from the environment")
struct ConfigurationTests {
    @Test func aValueThatCannotBeUsedIsNamedNeverDefaultedSilently() {
        let configuration = AppConfiguration.fromEnvironment([
            "LOUPE_PORT": "abc", "LOUPE_LOG_LEVEL": "loud", "LOUPE_DATABASE_URL": "mysql://root:secret@db/loupe",
            "LOUPE_ALLOW_PRIVATE_CALLBACKS": "maybe", "LOUPE_PASSWORD_COST": "40", "LOUPE_IDLE_TIMEOUT": "-1",
            "LOUPE_TRUSTED_PROXIES": "10.0.0.1, proxy.local", "LOUPE_PUBLIC_URL": "loupe.example.com",
            "LOUPE_DRAIN_SECONDS": "-1", "LOUPE_LOG_FORMAT": "xml",
        ])
        let problems = configuration.settingProblems
        for name in [
            "LOUPE_PORT", "LOUPE_LOG_LEVEL", "LOUPE_DATABASE_URL", "LOUPE_ALLOW_PRIVATE_CALLBACKS",
            "LOUPE_PASSWORD_COST", "LOUPE_IDLE_TIMEOUT", "LOUPE_TRUSTED_PROXIES", "LOUPE_PUBLIC_URL",
            "LOUPE_DRAIN_SECONDS", "LOUPE_LOG_FORMAT",
        ] {
            #expect(problems.contains { $0.hasPrefix(name + " must be") }, "\(name) in \(problems)")
        }
        #expect(problems.count == 10)
        #expect(problems.contains("LOUPE_PORT must be a port number, got \"abc\""))
        #expect(!problems.joined().contains("secret"), "a refused database URL does not print its password")
        #expect(configuration.port == 8080, "nothing half-applied")
    }

    @Test func usableValuesAreTakenWithoutProblems() {
        let configuration = AppConfiguration.fromEnvironment([
            "LOUPE_PORT": " 9090", "LOUPE_LOG_LEVEL": "Debug", "LOUPE_ADMIN_PASSWORD": " spaced secret ",
            "LOUPE_DATABASE_URL": "postgres://loupe@db:5432/loupe",
            "LOUPE_ALLOW_PRIVATE_CALLBACKS": "yes", "LOUPE_RATE_LIMIT_KEY": "0",
            "LOUPE_TRUSTED_PROXIES": "10.0.0.1,::1",
            "LOUPE_PUBLIC_URL": "https://loupe.example.com", "LOUPE_HOST": " ", "LOUPE_DRAIN_SECONDS": "0",
            "LOUPE_LOG_FORMAT": "JSON", "LOUPE_ACCESS_LOG": "on",
        ])
        #expect(configuration.settingProblems.isEmpty, "\(configuration.settingProblems)")
        #expect(configuration.port == 9090)
        #expect(configuration.initialAdminPassword == " spaced secret ", "a secret keeps its spaces")
        #expect(configuration.logLevel == .debug)
        #expect(configuration.allowPrivateCallbacks)
        #expect(configuration.keyRequestsPerSecond == 0)
        #expect(configuration.drainSeconds == 0, "0 turns draining off")
        #expect(configuration.logFormat == "json" && configuration.accessLog)
        #expect(configuration.trustedProxies == ["10.0.0.1", "::1"])
        #expect(configuration.host == "127.0.0.1", "a blank value is unset")
    }

    @Test func theServerRefusesToStartNamingTheSetting() throws {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("loupe").path
        let data = NSTemporaryDirectory() + "loupe-config-" + UUID().uuidString
        let (status, output) = try ExternalProcess.run(
            "/usr/bin/env", ["LOUPE_PORT=abc", "LOUPE_LOG_LEVEL=loud", executable, "serve", "--data-dir", data])
        #expect(status != 0)
        #expect(output.contains("LOUPE_PORT must be a port number, got \"abc\""), "\(output)")
        #expect(output.contains("LOUPE_LOG_LEVEL must be one of:"), "\(output)")
        #expect(!output.contains("running at"))
    }

    @Test func theBinaryTellsItsVersion() throws {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("loupe").path
        let (status, output) = try ExternalProcess.run(executable, ["--version"])
        #expect(status == 0)
        #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == LoupeVersion.current)
    }
}
