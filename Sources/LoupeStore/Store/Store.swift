public import LoupeDomain

/// Loupe's persistence: every query the product runs, written once in plain SQL with bound
/// parameters over a `SQLDatabase` driver (SQLite or PostgreSQL).
public struct Store: Sendable {
    /// The driver.
    public let database: any SQLDatabase
    /// The dialects whose callback bodies and retry promises the outbox follows (native only until
    /// the composition root registers the server's dialects).
    public var dialects = DialectRegistry()

    /// A store over `database`.
    public init(database: any SQLDatabase) {
        self.database = database
    }

    /// `count` comma-separated `?` placeholders, for an `IN (…)` list or a row of values.
    static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }

    /// Applies pending migrations in one transaction, serialised across nodes; returns the versions applied.
    @discardableResult
    public func migrate(now: Timestamp) async throws -> [Int] {
        try await database.writeExclusive(lockKey: Migrations.lockKey) { db in
            try await db.execute(
                """
                CREATE TABLE IF NOT EXISTS loupe_migrations (
                    version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)
                """)
            let applied = Set(try await db.query("SELECT version FROM loupe_migrations", []).compactMap { $0.int(0) })
            var newlyApplied: [Int] = []
            for migration in Migrations.all where !applied.contains(migration.version) {
                for statement in migration.statements { try await db.execute(statement) }
                try await db.execute(
                    "INSERT INTO loupe_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    [.int(Int64(migration.version)), .text(migration.name), .int(now.microseconds)])
                newlyApplied.append(migration.version)
            }
            return newlyApplied
        }
    }

    /// The versions not yet applied.
    public func pendingMigrations() async throws -> [Int] {
        let applied: Set<Int> = try await database.read { db in
            let exists = try await db.query(Self.migrationsTableExists(database.dialect), [])
            guard !exists.isEmpty else { return [] }
            return Set(try await db.query("SELECT version FROM loupe_migrations", []).compactMap { $0.int(0) })
        }
        return Migrations.all.map(\.version).filter { !applied.contains($0) }
    }

    private static func migrationsTableExists(_ dialect: SQLDialect) -> String {
        switch dialect {
        case .sqlite: "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'loupe_migrations'"
        case .postgres: "SELECT tablename FROM pg_tables WHERE tablename = 'loupe_migrations'"
        }
    }
}
