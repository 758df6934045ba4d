import Foundation
public import LoupeStore

/// The embedded default database: one SQLite file in WAL mode with one writer connection
/// (writes that arrive together share a commit) and a small pool of readers.
public struct SQLiteDatabase: SQLDatabase {
    public var dialect: SQLDialect { .sqlite }
    /// The database file.
    public let path: String
    private let writer: SQLiteWriteGroup
    private let readers: AsyncResourcePool<SQLiteConnection>

    /// Opens the database file at `path` (created if missing) with `readerCount` reader connections,
    /// each mapping up to `memoryMapBytes` of the file (mapped pages count in the process's RSS).
    public init(path: String, readerCount: Int = 4, memoryMapBytes: Int = 268_435_456) throws {
        self.path = path
        let writerConnection = try SQLiteConnection(path: path, readOnly: false, memoryMapBytes: memoryMapBytes)
        writer = try SQLiteWriteGroup(connection: writerConnection, path: path)
        readers = AsyncResourcePool(
            try (0..<max(1, readerCount)).map { _ in
                try SQLiteConnection(path: path, readOnly: false, memoryMapBytes: memoryMapBytes)
            })
    }

    public func read<T>(_ body: (any SQLConnection) async throws -> T) async throws -> T {
        // Each statement reads its own WAL snapshot; skipping BEGIN/COMMIT halves the cost of a point read.
        try await readers.withResource { try await body($0) }
    }

    /// Runs `body` in the writer's current group transaction (see `SQLiteWriteGroup`): its changes
    /// are committed before this returns, or undone if it throws.
    public func write<T>(_ body: (any SQLConnection) async throws -> T) async throws -> T {
        try await writer.write(body)
    }

    public func writeExclusive<T>(lockKey: Int64, _ body: (any SQLConnection) async throws -> T) async throws -> T {
        try await write(body)
    }
}
