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

    @Test func theServerRefusesToStartNamingTheSetting() async throws {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("loupe").path
        let data = NSTemporaryDirectory() + "loupe-config-" + UUID().uuidString
        let (status, output) = try await ExternalProcess.run(
            "/usr/bin/env", ["LOUPE_PORT=abc", "LOUPE_LOG_LEVEL=loud", executable, "serve", "--data-dir", data])
        #expect(status != 0)
        #expect(output.contains("LOUPE_PORT must be a port number, got \"abc\""), "\(output)")
        #expect(output.contains("LOUPE_LOG_LEVEL must be one of:"), "\(output)")
        #expect(!output.contains("running at"))
    }

    @Test func theBinaryTellsItsVersion() async throws {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("loupe").path
        let (status, output) = try await ExternalProcess.run(executable, ["--version"])
        #expect(status == 0)
        #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == LoupeVersion.current)
    }

    static func file(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "loupe-config-\(UUID().uuidString).json"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The file sets what the environment leaves alone; the environment wins where both speak;
    /// numbers, flags and lists are read as their variables would be.
    @Test func aConfigFileUnderTheEnvironment() throws {
        let path = try Self.file(
            #"{"port": 9191, "LOUPE_HOST": "0.0.0.0", "webhook_timeout": 2.5, "allow_private_callbacks": true,"#
                + #" "trusted_proxies": ["10.0.0.1", "10.0.0.2"], "log_level": "debug"}"#)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let configuration = AppConfiguration.load(environment: ["LOUPE_LOG_LEVEL": "error"], configFile: path)
        #expect(configuration.settingProblems.isEmpty, "\(configuration.settingProblems)")
        #expect(configuration.port == 9191)
        #expect(configuration.host == "0.0.0.0")
        #expect(configuration.webhookTimeout == 2.5)
        #expect(configuration.allowPrivateCallbacks)
        #expect(configuration.trustedProxies == ["10.0.0.1", "10.0.0.2"])
        #expect(configuration.logLevel == .error, "the environment overrides the file")
        let viaVariable = AppConfiguration.fromEnvironment(["LOUPE_CONFIG": path])
        #expect(viaVariable.port == 9191 && viaVariable.logLevel == .debug)
    }

    /// A misspelt key, a value of the wrong kind and a bad value each name the key and the file;
    /// an unreadable or broken file is one problem, never a silent default.
    @Test func aConfigFileProblemNamesTheKeyAndTheFile() throws {
        let path = try Self.file(#"{"prot": 9191, "port": "abc", "metrics_token": {"a": 1}}"#)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let problems = AppConfiguration.load(environment: [:], configFile: path).settingProblems
        #expect(problems.contains("prot in \(path) is not a setting (settings are the LOUPE_* names of the README)"))
        #expect(problems.contains("LOUPE_PORT (port in \(path)) must be a port number, got \"abc\""), "\(problems)")
        #expect(problems.contains { $0.hasPrefix("metrics_token in \(path) must be text, a number") }, "\(problems)")
        #expect(problems.count == 3)
        #expect(
            AppConfiguration.load(environment: [:], configFile: "/nonexistent/loupe.json").settingProblems == [
                "LOUPE_CONFIG: cannot read the config file /nonexistent/loupe.json"
            ])
        let broken = try Self.file(#"{"port": 1,"#)
        defer { try? FileManager.default.removeItem(atPath: broken) }
        #expect(
            AppConfiguration.load(environment: [:], configFile: broken).settingProblems.first?.hasPrefix(
                "LOUPE_CONFIG: \(broken) is not valid JSON") == true)
    }

    /// `loupe serve --config` refuses to start on a bad file, naming the key.
    @Test func theServerRefusesABadConfigFile() async throws {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("loupe").path
        let path = try Self.file(#"{"port": 70000}"#)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let data = NSTemporaryDirectory() + "loupe-config-" + UUID().uuidString
        let (status, output) = try await ExternalProcess.run(
            executable, ["serve", "--config", path, "--data-dir", data])
        #expect(status != 0)
        #expect(output.contains("LOUPE_PORT (port in \(path)) must be a port number, got \"70000\""), "\(output)")
    }

    /// Embeddable origins are scheme, host and port only; a path or another scheme is refused.
    @Test func embedOriginsAreOrigins() {
        let good = AppConfiguration.fromEnvironment([
            "LOUPE_EMBED_ORIGINS": "https://Docs.Google.com, http://wiki.internal:8090/"
        ])
        #expect(good.settingProblems.isEmpty, "\(good.settingProblems)")
        #expect(good.embedOrigins == ["https://docs.google.com", "http://wiki.internal:8090"])
        let bad = AppConfiguration.fromEnvironment(["LOUPE_EMBED_ORIGINS": "https://docs.google.com/document, ftp://x"])
        #expect(bad.settingProblems.count == 2, "\(bad.settingProblems)")
        #expect(
            bad.settingProblems.allSatisfy {
                $0.hasPrefix("LOUPE_EMBED_ORIGINS must be a comma-separated list of origins")
            })
    }
}
