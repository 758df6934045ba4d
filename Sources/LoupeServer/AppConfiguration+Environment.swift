public import Foundation
import Logging
import LoupeDelivery
import LoupeDomain

extension AppConfiguration {
    /// The defaults overridden by the config file named by `LOUPE_CONFIG` (if any), overridden by
    /// `LOUPE_*` environment variables. A value that cannot be used (`LOUPE_PORT=abc`,
    /// `LOUPE_LOG_LEVEL=loud`, a database URL that is not one, a key in the file that is no
    /// setting) is listed in `settingProblems` with the setting's name, and the server refuses to
    /// start.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment)
        -> AppConfiguration
    {
        let path = environment["LOUPE_CONFIG"].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        return load(environment: environment, configFile: path)
    }

    /// The defaults, overridden by the settings in `configFile` (a JSON object whose keys are the
    /// settings' names, with or without `LOUPE_`, in any case: `{"port": 9090, "webhook_timeout": 15}`),
    /// overridden by `environment`.
    public static func load(environment: [String: String], configFile: String?) -> AppConfiguration {
        guard let configFile else { return read(environment).0 }
        let file = ConfigFile.read(configFile)
        let merged = file.values.merging(environment) { _, fromEnvironment in fromEnvironment }
        var (configuration, known) = read(merged)
        var problems = file.problems
        for (setting, key) in file.keys.sorted(by: { $0.value < $1.value }) where !known.contains(setting) {
            problems.append("\(key) in \(configFile) is not a setting (settings are the LOUPE_* names of the README)")
        }
        // A refused value that came from the file says where it is.
        for problem in configuration.settingProblems {
            let setting = String(problem.prefix { $0 != " " })
            if let key = file.keys[setting], environment[setting] == nil {
                problems.append("\(setting) (\(key) in \(configFile))" + problem.dropFirst(setting.count))
            } else {
                problems.append(problem)
            }
        }
        configuration.settingProblems = problems
        return configuration
    }

    /// The configuration `environment` (setting name to text) makes, and every setting name read.
    private static func read(_ environment: [String: String]) -> (AppConfiguration, Set<String>) {
        var configuration = AppConfiguration()
        var read = EnvironmentReader(environment: environment)
        if let host = read.text("LOUPE_HOST") { configuration.host = host }
        if let port = read.int("LOUPE_PORT", 0...65_535, "a port number") { configuration.port = port }
        if let directory = read.text("LOUPE_DATA_DIR") { configuration.dataDirectory = directory }
        configuration.databaseURL = read.databaseURL("LOUPE_DATABASE_URL")
        configuration.initialAPIKey = read.text("LOUPE_API_KEY")
        configuration.initialTestAPIKey = read.text("LOUPE_TEST_API_KEY")
        configuration.initialAdminPassword = read.text("LOUPE_ADMIN_PASSWORD")
        if let email = read.text("LOUPE_ADMIN_EMAIL") { configuration.adminEmail = email }
        configuration.publicBaseURL = read.webURL("LOUPE_PUBLIC_URL")
        configuration.allowedHosts = read.list("LOUPE_ALLOWED_HOSTS")
        configuration.embedOrigins = read.origins("LOUPE_EMBED_ORIGINS")
        configuration.webRoot = read.text("LOUPE_WEB_ROOT")
        configuration.trustedProxies = Set(read.addresses("LOUPE_TRUSTED_PROXIES"))
        configuration.metricsToken = read.text("LOUPE_METRICS_TOKEN")
        read.seconds("LOUPE_IDLE_TIMEOUT", into: &configuration.idleTimeoutSeconds)
        read.count("LOUPE_MAX_CONNECTIONS", into: &configuration.maxConnections, minimum: 1)
        read.seconds("LOUPE_BODY_GRACE_SECONDS", into: &configuration.bodyGraceSeconds)
        read.seconds("LOUPE_DRAIN_SECONDS", into: &configuration.drainSeconds, allowingZero: true)
        read.seconds("LOUPE_BODY_MIN_RATE", into: &configuration.bodyMinimumBytesPerSecond, unit: "bytes per second")
        read.rate("LOUPE_RATE_LIMIT_KEY", into: &configuration.keyRequestsPerSecond)
        read.rate("LOUPE_RATE_LIMIT_ORG", into: &configuration.organizationRequestsPerSecond)
        if let cost = read.int("LOUPE_PASSWORD_COST", 4...16, "a bcrypt cost from 4 to 16") {
            configuration.passwordCost = cost
        }
        read.seconds("LOUPE_UPLOAD_STALE_SECONDS", into: &configuration.uploadStaleSeconds)
        configuration.allowPrivateCallbacks = read.flag("LOUPE_ALLOW_PRIVATE_CALLBACKS") ?? false
        read.count("LOUPE_WEBHOOK_CONCURRENCY", into: &configuration.webhookConcurrency, minimum: 1)
        read.seconds("LOUPE_WEBHOOK_CONNECT_TIMEOUT", into: &configuration.webhookConnectTimeout)
        read.seconds("LOUPE_WEBHOOK_TIMEOUT", into: &configuration.webhookTimeout)
        read.seconds("LOUPE_WEBHOOK_LEASE", into: &configuration.webhookLeaseSeconds)
        read.seconds("LOUPE_WEBHOOK_POLL_INTERVAL", into: &configuration.webhookPollInterval)
        read.count("LOUPE_SQLITE_MMAP", into: &configuration.sqliteMemoryMapBytes, minimum: 0)
        read.count("LOUPE_POSTGRES_PREPARED_STATEMENTS", into: &configuration.postgresPreparedStatements, minimum: 0)
        read.seconds("LOUPE_EVENT_RETENTION_DAYS", into: &configuration.eventRetentionDays, unit: "a number of days")
        configuration.fetchAttachments = read.flag("LOUPE_FETCH_ATTACHMENTS") ?? false
        read.seconds("LOUPE_ATTACHMENT_TIMEOUT", into: &configuration.attachmentTimeout)
        read.count("LOUPE_ATTACHMENT_MAX_BYTES", into: &configuration.attachmentMaxBytes, minimum: 1)
        if let level = read.choice("LOUPE_LOG_LEVEL", Logger.Level.allCases.map(\.rawValue)) {
            configuration.logLevel = Logger.Level(rawValue: level) ?? configuration.logLevel
        }
        if let format = read.choice("LOUPE_LOG_FORMAT", ["text", "json"]) { configuration.logFormat = format }
        configuration.accessLog = read.flag("LOUPE_ACCESS_LOG") ?? false
        configuration.readMailRelay { read.text($0) }
        configuration.settingProblems = read.problems
        return (configuration, read.asked)
    }
}

/// Reads `LOUPE_*` values, keeping a problem for each one that cannot be used.
struct EnvironmentReader {
    let environment: [String: String]
    private(set) var problems: [String] = []
    /// Every setting name asked for: the settings that exist.
    private(set) var asked: Set<String> = []

    init(environment: [String: String]) { self.environment = environment }

    /// The value as given (secrets keep their spaces), or nil when unset or blank.
    mutating func text(_ name: String) -> String? {
        asked.insert(name)
        guard let value = environment[name], !value.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        return value
    }

    private mutating func refuse(_ name: String, _ value: String, _ expected: String) {
        problems.append("\(name) must be \(expected), got \"\(value.prefix(80))\"")
    }

    mutating func int(_ name: String, _ range: ClosedRange<Int>, _ expected: String) -> Int? {
        guard let value = text(name) else { return nil }
        guard let number = Int(value.trimmingCharacters(in: .whitespaces)), range.contains(number) else {
            refuse(name, value, expected)
            return nil
        }
        return number
    }

    mutating func count(_ name: String, into target: inout Int, minimum: Int) {
        if let number = int(name, minimum...Int.max, "a whole number of at least \(minimum)") { target = number }
    }

    mutating func seconds(
        _ name: String, into target: inout Double, unit: String = "a number of seconds", allowingZero: Bool = false
    ) {
        guard let value = text(name) else { return }
        guard let number = Double(value.trimmingCharacters(in: .whitespaces)),
            number > 0 || (allowingZero && number == 0),
            number.isFinite
        else {
            return refuse(name, value, allowingZero ? "\(unit), 0 or more" : "\(unit) above 0")
        }
        target = number
    }

    mutating func rate(_ name: String, into target: inout Double) {
        guard let value = text(name) else { return }
        guard let number = Double(value.trimmingCharacters(in: .whitespaces)), number >= 0, number.isFinite else {
            return refuse(name, value, "requests per second (0 for no limit)")
        }
        target = number
    }

    mutating func flag(_ name: String) -> Bool? {
        guard let value = text(name) else { return nil }
        switch value.trimmingCharacters(in: .whitespaces).lowercased() {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default:
            refuse(name, value, "1 or 0 (true/false, yes/no)")
            return nil
        }
    }

    mutating func choice(_ name: String, _ choices: [String]) -> String? {
        guard let value = text(name) else { return nil }
        let choice = value.trimmingCharacters(in: .whitespaces).lowercased()
        guard choices.contains(choice) else {
            refuse(name, value, "one of: " + choices.joined(separator: ", "))
            return nil
        }
        return choice
    }

    mutating func list(_ name: String) -> [String] {
        (text(name) ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    mutating func addresses(_ name: String) -> [String] {
        let items = list(name)
        for item in items where ResolvedAddress(numeric: item) == nil {
            refuse(name, item, "a comma-separated list of IP addresses")
        }
        return items
    }

    /// Origins (`https://docs.google.com`, `http://wiki.internal:8090`): scheme, host and port
    /// only, lowercased.
    mutating func origins(_ name: String) -> [String] {
        var origins: [String] = []
        for item in list(name) {
            guard let url = URLComponents(string: item), let scheme = url.scheme?.lowercased(),
                scheme == "https" || scheme == "http", let host = url.host, !host.isEmpty,
                url.path.isEmpty || url.path == "/", url.query == nil, url.user == nil
            else {
                refuse(name, item, "a comma-separated list of origins such as https://docs.google.com")
                continue
            }
            origins.append("\(scheme)://\(host.lowercased())" + (url.port.map { ":\($0)" } ?? ""))
        }
        return origins
    }

    mutating func webURL(_ name: String) -> String? {
        guard let value = text(name) else { return nil }
        guard CallbackURL.isWebURL(value) else {
            refuse(name, value, "an absolute http or https URL")
            return nil
        }
        return value
    }

    mutating func databaseURL(_ name: String) -> String? {
        guard let value = text(name) else { return nil }
        let lower = value.lowercased()
        guard lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://"),
            let host = URLComponents(string: value)?.host, !host.isEmpty
        else {
            refuse(
                name, value.replacingOccurrences(of: #":[^:@/]*@"#, with: ":…@", options: .regularExpression),
                "a PostgreSQL URL such as postgres://user@host:5432/loupe")
            return nil
        }
        return value
    }
}
