/// A value bound to or read from a SQL statement. Loupe's schema uses only these four column kinds
/// (booleans are integers 0/1, times are integer microseconds, JSON is text) so that the same SQL
/// runs on SQLite and PostgreSQL.
public enum SQLValue: Sendable, Hashable {
    case null
    case int(Int64)
    case double(Double)
    case text(String)
}

/// One result row, its values in SELECT order.
public struct SQLRow: Sendable {
    /// The column values.
    public var values: [SQLValue]

    /// A row of values.
    public init(_ values: [SQLValue]) { self.values = values }
}

/// The SQL flavour a driver speaks; the store picks the few statements that differ by it.
public enum SQLDialect: String, Sendable {
    case sqlite
    case postgres
}

/// Failures a driver reports in a database-neutral way.
public enum SQLError: Error, Sendable, CustomStringConvertible {
    /// A UNIQUE constraint was violated (the message names it).
    case uniqueViolation(String)
    /// The database is locked or busy beyond the timeout.
    case busy(String)
    /// The database cannot take the statement now — a full disk, a read-only or failing file
    /// system, a server refusing connections — and nothing was written; it may work later.
    case unavailable(String)
    /// Any other database failure.
    case failure(String)

    public var description: String {
        switch self {
        case .uniqueViolation(let message): "unique violation: \(message)"
        case .busy(let message): "database busy: \(message)"
        case .unavailable(let message): "database unavailable: \(message)"
        case .failure(let message): message
        }
    }
}

/// A connection lent for the duration of one closure. Statements use `?` placeholders.
public protocol SQLConnection {
    /// The flavour of SQL this connection speaks.
    var dialect: SQLDialect { get }
    /// Runs a statement and returns its rows.
    func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow]
    /// Runs a statement and ignores any rows.
    func execute(_ sql: String, _ binds: [SQLValue]) async throws
}

extension SQLConnection {
    /// Runs a statement with no binds.
    public func execute(_ sql: String) async throws { try await execute(sql, []) }
}

/// The driver seam: SQLite and PostgreSQL each implement it; everything above it is shared
/// and proven by one conformance suite (as River's `riverdriver`).
public protocol SQLDatabase: Sendable {
    /// The flavour of SQL this driver speaks.
    var dialect: SQLDialect { get }
    /// Runs `body` on a connection for reading (each statement sees committed data).
    func read<T>(_ body: (any SQLConnection) async throws -> T) async throws -> T
    /// Runs `body` inside one write transaction: committed if it returns, rolled back if it throws.
    func write<T>(_ body: (any SQLConnection) async throws -> T) async throws -> T
    /// Runs `body` inside one write transaction, serialised with every other node by `lockKey`
    /// (a PostgreSQL advisory lock; SQLite's single writer already serialises).
    func writeExclusive<T>(lockKey: Int64, _ body: (any SQLConnection) async throws -> T) async throws -> T
    /// Runs `body`, which issues exactly one statement, as one atomic write. PostgreSQL runs a
    /// lone statement atomically without `BEGIN` and `COMMIT` (two round trips fewer); the default
    /// is `write`.
    func writeOneStatement<T>(_ body: (any SQLConnection) async throws -> T) async throws -> T
}

extension SQLDatabase {
    /// A one-statement write as any other write.
    public func writeOneStatement<T>(_ body: (any SQLConnection) async throws -> T) async throws -> T {
        try await write(body)
    }
}

extension SQLRow {
    /// Column `index` as text, or nil.
    public func string(_ index: Int) -> String? {
        switch values[index] {
        case .text(let text): text
        case .int(let int): String(int)
        case .double(let double): String(double)
        case .null: nil
        }
    }

    /// Column `index` as an integer, or nil.
    public func int64(_ index: Int) -> Int64? {
        switch values[index] {
        case .int(let int): int
        case .double(let double): Int64(double)
        case .text(let text): Int64(text)
        case .null: nil
        }
    }

    /// Column `index` as an Int, or nil.
    public func int(_ index: Int) -> Int? { int64(index).map { Int($0) } }

    /// Column `index` as a Double, or nil.
    public func double(_ index: Int) -> Double? {
        switch values[index] {
        case .int(let int): Double(int)
        case .double(let double): double
        case .text(let text): Double(text)
        case .null: nil
        }
    }

    /// Column `index` as a boolean (non-zero integer).
    public func bool(_ index: Int) -> Bool { (int64(index) ?? 0) != 0 }
}
