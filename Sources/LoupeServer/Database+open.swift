import Foundation
public import Logging
public import LoupeStore
import LoupeStorePostgres
import LoupeStoreSQLite
public import ServiceLifecycle

/// An opened database and the service (if any) that must run for it to answer.
public struct OpenedDatabase: Sendable {
    /// The store over it.
    public var store: Store
    /// PostgreSQL's connection pool, to run in the service group; nil for SQLite.
    public var service: (any Service)?
}

extension AppConfiguration {
    /// Opens the configured database (creating the data folder for SQLite).
    public func openDatabase(logger: Logger) throws -> OpenedDatabase {
        if let databaseURL {
            let database = try PostgresDatabase(
                url: databaseURL, logger: logger, statementCapacity: postgresPreparedStatements)
            return OpenedDatabase(store: Store(database: database), service: database.client)
        }
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        let database = try SQLiteDatabase(path: sqlitePath, memoryMapBytes: sqliteMemoryMapBytes)
        return OpenedDatabase(store: Store(database: database), service: nil)
    }
}

extension OpenedDatabase {
    /// Runs `body` with the database's service running (for CLI commands outside the server).
    public func withRunning<T: Sendable>(_ body: @Sendable @escaping (Store) async throws -> T) async throws -> T {
        guard let service else { return try await body(store) }
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                try await service.run()
                return nil
            }
            let result = try await body(store)
            group.cancelAll()
            return result
        }
    }
}
