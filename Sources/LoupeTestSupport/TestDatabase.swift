import Foundation
import Logging
public import LoupeServer
public import LoupeStore
import LoupeDomain
import LoupeHTTP
import LoupeStorePostgres
import PostgresNIO

/// Where the test suite keeps its data: SQLite in a fresh temporary folder by default, or a fresh
/// PostgreSQL database per test when `LOUPE_TEST_DATABASE=postgres` and `LOUPE_TEST_POSTGRES_URL`
/// (an admin connection such as `postgres://loupe@127.0.0.1:5433/postgres`) are set.
public enum TestDatabase {
    /// Which backend this run uses.
    public static var isPostgres: Bool {
        ProcessInfo.processInfo.environment["LOUPE_TEST_DATABASE"] == "postgres"
    }

    /// The fixed live key every test instance is created with.
    public static let liveKey = "live_test_suite_key_0000000000000000000000"
    /// The fixed test key every test instance is created with.
    public static let testKey = "test_test_suite_key_0000000000000000000000"

    /// A configuration pointing at fresh, empty storage.
    public static func freshConfiguration() async throws -> AppConfiguration {
        var configuration = AppConfiguration()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "loupe-test-" + UUID().uuidString.lowercased()
        ).path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        configuration.dataDirectory = directory
        configuration.host = "127.0.0.1"
        configuration.port = 0
        configuration.initialAPIKey = liveKey
        configuration.initialTestAPIKey = testKey
        configuration.initialAdminPassword = "admin-password-123"
        // The cheapest bcrypt: the suite logs in hundreds of times on one hashing thread.
        configuration.passwordCost = 4
        // Request budgets are tested on their own; the rest of the suite calls as fast as it can.
        configuration.keyRequestsPerSecond = 0
        configuration.organizationRequestsPerSecond = 0
        configuration.logLevel = .warning
        configuration.printsCredentials = false
        if isPostgres { configuration.databaseURL = try await makePostgresDatabase() }
        return configuration
    }

    /// Creates an empty PostgreSQL database and returns its URL.
    static func makePostgresDatabase() async throws -> String {
        guard let adminURL = ProcessInfo.processInfo.environment["LOUPE_TEST_POSTGRES_URL"],
            var components = URLComponents(string: adminURL)
        else {
            throw TestDatabaseError("LOUPE_TEST_DATABASE=postgres needs LOUPE_TEST_POSTGRES_URL")
        }
        let name = "loupe_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await administer("CREATE DATABASE \(name)")
        components.path = "/" + name
        return components.string!
    }

    /// Runs each of `statements` on the test cluster's administrative database (PostgreSQL only).
    public static func administer(_ statements: String...) async throws {
        guard let adminURL = ProcessInfo.processInfo.environment["LOUPE_TEST_POSTGRES_URL"] else {
            throw TestDatabaseError("LOUPE_TEST_DATABASE=postgres needs LOUPE_TEST_POSTGRES_URL")
        }
        let client = PostgresClient(configuration: try PostgresDatabase.configuration(url: adminURL, maxConnections: 2))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            for statement in statements { try await client.query(PostgresQuery(unsafeSQL: statement)) }
            group.cancelAll()
        }
    }
}

/// A test set-up failure.
public struct TestDatabaseError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

extension TestDatabase {
    /// Runs `body` with a migrated store on fresh storage (and PostgreSQL's pool running if used).
    public static func withStore(_ body: @Sendable @escaping (Store) async throws -> Void) async throws {
        let configuration = try await freshConfiguration()
        let opened = try configuration.openDatabase(logger: Logger(label: "loupe-test"))
        try await opened.withRunning { store in
            try await store.migrate(now: .now())
            try await body(store)
        }
    }
}

extension TestDatabase {
    /// Adds a second organization with a live key to the instance at `configuration`; returns the key.
    public static func addOrganization(_ configuration: AppConfiguration) async throws -> String {
        let opened = try configuration.openDatabase(logger: Logger(label: "loupe-test"))
        return try await opened.withRunning { store in
            let ids = ObjectIDGenerator()
            let organization = Organization(id: ids.next(), name: "Other", createdAt: .now())
            try await store.createOrganization(organization)
            let key = "live_other_" + ids.next()
            try await store.createAPIKey(
                APIKey(
                    id: ids.next(), organizationID: organization.id, name: "other", mode: .live, role: .admin,
                    prefix: "live_othe",
                    hash: APIKeyAuthenticator.hash(key), createdAt: .now()))
            return key
        }
    }
}

extension TestDatabase {
    /// Runs `body` with two stores on the same fresh storage, as two Loupe nodes would have.
    public static func withTwoNodes(_ body: @Sendable @escaping (Store, Store) async throws -> Void) async throws {
        let configuration = try await freshConfiguration()
        let logger = Logger(label: "loupe-test")
        let first = try configuration.openDatabase(logger: logger)
        let second = try configuration.openDatabase(logger: logger)
        try await first.withRunning { one in
            try await one.migrate(now: .now())
            try await second.withRunning { two in try await body(one, two) }
        }
    }
}
