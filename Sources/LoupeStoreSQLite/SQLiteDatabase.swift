import Foundation
public import LoupeStore

/// The embedded default database: one SQLite file in WAL mode with one writer connection
/// and a small pool of readers.
public struct SQLiteDatabase: SQLDatabase {
    public var dialect: SQLDialect { .sqlite }
    /// The database file.
    public let path: String
    private let writer: AsyncResourcePool<SQLiteConnection>
    private let readers: AsyncResourcePool<SQLiteConnection>

    /// Opens the database file at `path` (created if missing) with `readerCount` reader connections.
    public init(path: String, readerCount: Int = 4) throws {
        self.path = path
        let writerConnection = try SQLiteConnection(path: path, readOnly: false)
        writer = AsyncResourcePool([writerConnection])
        readers = AsyncResourcePool(try (0..<max(1, readerCount)).map { _ in try SQLiteConnection(path: path, readOnly: false) })
    }

    public func read<T>(_ body: (any SQLConnection) async throws -> T) async throws -> T {
        // Each statement reads its own WAL snapshot; skipping BEGIN/COMMIT halves the cost of a point read.
        try await readers.withResource { try await body($0) }
    }

    public func write<T>(_ body: (any SQLConnection) async throws -> T) async throws -> T {
        try await writer.withResource { try await Self.transaction($0, begin: "BEGIN IMMEDIATE", body) }
    }

    private static func transaction<T>(
        _ connection: SQLiteConnection, begin: String, _ body: (any SQLConnection) async throws -> T
    ) async throws -> T {
        try connection.exec(begin)
        do {
            let result = try await body(connection)
            try connection.exec("COMMIT")
            return result
        } catch {
            try? connection.exec("ROLLBACK")
            throw error
        }
    }

    public func writeExclusive<T>(lockKey: Int64, _ body: (any SQLConnection) async throws -> T) async throws -> T {
        try await write(body)
    }
}
