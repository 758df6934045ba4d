import ArgumentParser
import CLoupeMalloc
import Foundation
import Hummingbird
import Logging
import LoupeDomain
import LoupeHTTP
import LoupeServer
import LoupeStore

/// Options every command shares: where the data is.
struct StorageOptions: ParsableArguments {
    @Option(help: "Folder for the SQLite database and uploads.") var dataDir: String?
    @Option(help: "PostgreSQL URL (postgres://user@host:port/db); SQLite when absent.") var databaseURL: String?
    @Option(help: "A JSON file of settings (LOUPE_CONFIG); the environment and these flags override it.")
    var config: String?

    func configuration() -> AppConfiguration {
        let environment = ProcessInfo.processInfo.environment
        let file = config ?? environment["LOUPE_CONFIG"].flatMap { $0.isEmpty ? nil : $0 }
        var configuration = AppConfiguration.load(environment: environment, configFile: file)
        if let dataDir { configuration.dataDirectory = dataDir }
        if let databaseURL { configuration.databaseURL = databaseURL }
        return configuration
    }
}

/// `loupe serve`: run the server.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the Loupe server.")
    @Option(help: "Address to listen on.") var host: String?
    @Option(help: "Port to listen on.") var port: Int?
    @Option(help: "Log lines as text or as one JSON object each (LOUPE_LOG_FORMAT).") var logFormat: LogFormat?
    @OptionGroup var storage: StorageOptions

    func run() async throws {
        loupe_keep_large_buffers_in_heap()
        var configuration = storage.configuration()
        if !configuration.startProblems.isEmpty {
            throw ValidationError("cannot start:\n  " + configuration.startProblems.joined(separator: "\n  "))
        }
        if let logFormat { configuration.logFormat = logFormat.rawValue }
        if configuration.logFormat == "json" {
            LoggingSystem.bootstrap(JSONLogHandler.init)
        } else {
            LoggingSystem.bootstrap(LineLogHandler.init)
        }
        if let host { configuration.host = host }
        if let port { configuration.port = port }
        let host = configuration.host
        try await serveApplication(
            configuration: configuration,
            onFirstStart: { credentials in
                print(
                    """
                    First start: created the default organization.
                      admin login:   \(credentials.adminEmail) / \(credentials.adminPassword)
                      live API key:  \(credentials.liveKey)
                      test API key:  \(credentials.testKey)
                    These are shown once; keep them.
                    """)
            },
            onServerRunning: { port in
                print("Loupe is running at http://\(host):\(port)/  (health: /health, API: /api/v1)")
                fflush(nil)
            })
    }
}

/// How log lines are written.
enum LogFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// `loupe migrate`: apply pending migrations and exit.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations.")
    @OptionGroup var storage: StorageOptions

    func run() async throws {
        let opened = try storage.configuration().openDatabase(logger: Logger(label: "loupe"))
        let applied = try await opened.withRunning { store in try await store.migrate(now: .now()) }
        print(
            applied.isEmpty
                ? "Nothing to migrate." : "Applied migrations: \(applied.map(String.init).joined(separator: ", "))")
    }
}

/// `loupe keys`: manage API keys.
struct Keys: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage API keys.", subcommands: [Create.self])

    /// `loupe keys create --name N [--test]`: print a new key for the default organization.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an API key and print it.")
        @Option(help: "A name for the key.") var name: String
        @Flag(help: "Create a test-mode key.") var test = false
        @Option(help: "admin, requester or read_only (test keys are sandboxed requesters).") var role = "requester"
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            let opened = try storage.configuration().openDatabase(logger: Logger(label: "loupe"))
            let name = name
            let mode: APIKeyMode = test ? .test : .live
            guard let role = APIKeyRole(rawValue: role), !(test && role == .admin) else {
                throw ValidationError("--role must be admin, requester or read_only (a test key cannot be admin)")
            }
            let secret = try await opened.withRunning { store in
                try await store.migrate(now: .now())
                guard let organization = try await store.defaultOrganization() else {
                    throw ValidationError("the instance has no organization yet: run `loupe serve` once first")
                }
                let (record, secret) = APIKeyMaker.make(
                    name: name, mode: mode, role: role, organizationID: organization.id, ids: ObjectIDGenerator(),
                    now: .now())
                try await store.createAPIKey(record)
                return secret
            }
            print(secret)
        }
    }
}
