import Foundation
public import Logging
public import LoupeStore
public import PostgresNIO

/// PostgreSQL through a `PostgresClient` pool. The client must be running (it is a `Service`
/// added to the app's group, or run by the CLI around its command) before any query.
public struct PostgresDatabase: SQLDatabase {
    public var dialect: SQLDialect { .postgres }
    /// The connection pool; run it as a service.
    public let client: PostgresClient
    private let logger: Logger
    private let statements: PostgresStatementCache

    /// A database for `url` (`postgres://user[:password]@host[:port]/database`), each of whose
    /// connections keeps up to `statementCapacity` prepared statements.
    public init(url: String, logger: Logger, maxConnections: Int = 20, statementCapacity: Int = 256) throws {
        self.client = PostgresClient(configuration: try Self.configuration(url: url, maxConnections: maxConnections))
        self.logger = logger
        self.statements = PostgresStatementCache(capacity: statementCapacity)
    }

    /// Parses a connection URL into a client configuration.
    public static func configuration(url: String, maxConnections: Int) throws -> PostgresClient.Configuration {
        guard let components = URLComponents(string: url), let scheme = components.scheme,
            scheme == "postgres" || scheme == "postgresql", let host = components.host, !host.isEmpty
        else {
            throw SQLError.failure("invalid database URL: expected postgres://user@host:port/database")
        }
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        var configuration = PostgresClient.Configuration(
            host: host, port: components.port ?? 5432, username: components.user ?? "postgres",
            password: components.password, database: database.isEmpty ? nil : database, tls: .disable)
        configuration.options.maximumConnections = maxConnections
        configuration.options.minimumConnections = 0
        return configuration
    }

    public func read<T>(_ body: (any SQLConnection) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            let wrapped = PostgresSQLConnection(connection: connection, statements: statements, logger: logger)
            return try await body(wrapped)
        }
    }

    public func write<T>(_ body: (any SQLConnection) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            let wrapped = PostgresSQLConnection(connection: connection, statements: statements, logger: logger)
            try await wrapped.execute("BEGIN")
            do {
                let result = try await body(wrapped)
                try await wrapped.execute("COMMIT")
                return result
            } catch {
                try? await wrapped.execute("ROLLBACK")
                throw error
            }
        }
    }

    public func writeOneStatement<T>(_ body: (any SQLConnection) async throws -> T) async throws -> T {
        try await read(body)
    }

    public func writeExclusive<T>(lockKey: Int64, _ body: (any SQLConnection) async throws -> T) async throws -> T {
        try await write { connection in
            try await connection.execute("SELECT pg_advisory_xact_lock(?)", [.int(lockKey)])
            return try await body(connection)
        }
    }
}

/// A leased PostgreSQL connection speaking the store's `?`-placeholder SQL.
struct PostgresSQLConnection: SQLConnection {
    let connection: PostgresConnection
    let statements: PostgresStatementCache
    let logger: Logger
    var dialect: SQLDialect { .postgres }

    func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        do {
            if let statement = try await statements.statement(for: sql, binds, on: connection) {
                // postgres-nio asks for every result in binary, but its prepared-statement API keeps
                // the format the statement was described with when prepared (text).
                return try await statement.execute(binds.map(Self.data)).get().map { row in
                    SQLRow(
                        try row.map { cell in
                            var cell = cell
                            cell.format = .binary
                            return try Self.value(of: cell)
                        })
                }
            }
            var rows: [SQLRow] = []
            let sequence = try await connection.query(Self.unnamedQuery(sql, binds), logger: logger)
            for try await row in sequence {
                var values: [SQLValue] = []
                values.reserveCapacity(row.count)
                for cell in row { values.append(try Self.value(of: cell)) }
                rows.append(SQLRow(values))
            }
            return rows
        } catch let error as PSQLError {
            throw Self.translate(error)
        } catch let error as PostgresError {
            throw Self.translate(error)
        }
    }

    func execute(_ sql: String, _ binds: [SQLValue]) async throws {
        _ = try await query(sql, binds)
    }

    /// `sql` as an unnamed statement, each parameter typed by its bind (a NULL's left to PostgreSQL).
    static func unnamedQuery(_ sql: String, _ binds: [SQLValue]) -> PostgresQuery {
        var bindings = PostgresBindings(capacity: binds.count)
        for value in binds {
            switch value {
            case .null: bindings.appendNull()
            case .int(let int): bindings.append(int)
            case .double(let double): bindings.append(double)
            case .text(let string): bindings.append(string)
            }
        }
        return PostgresQuery(unsafeSQL: numberedPlaceholders(sql), binds: bindings)
    }

    /// A bind as the prepared-statement API takes it.
    static func data(_ value: SQLValue) -> PostgresData {
        switch value {
        case .null: .null
        case .int(let int): PostgresData(int64: int)
        case .double(let double): PostgresData(double: double)
        case .text(let string): PostgresData(string: string)
        }
    }

    /// `sql` with its `?` placeholders (outside quotes) numbered `$1…$n`, as PostgreSQL writes them,
    /// each followed by `suffix(n)`.
    static func numberedPlaceholders(_ sql: String, suffix: (Int) -> String = { _ in "" }) -> String {
        // Byte by byte: both marks are ASCII. Walking the SQL as Characters (grapheme clusters)
        // took ~6 % of the server's CPU under the work benchmark in PostgreSQL mode; bytes ~1 %.
        var text: [UInt8] = []
        text.reserveCapacity(sql.utf8.count + 16)
        var number = 0
        var inQuote = false
        for byte in sql.utf8 {
            if byte == UInt8(ascii: "'") { inQuote.toggle() }
            if byte == UInt8(ascii: "?") && !inQuote {
                number += 1
                text.append(UInt8(ascii: "$"))
                text.append(contentsOf: String(number).utf8)
                text.append(contentsOf: suffix(number).utf8)
            } else {
                text.append(byte)
            }
        }
        return String(decoding: text, as: UTF8.self)
    }

    static func value(of cell: PostgresCell) throws -> SQLValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8, .oid: return .int(try cell.decode(Int64.self))
        case .float4, .float8: return .double(try cell.decode(Double.self))
        case .numeric: return .double(Double(try cell.decode(String.self)) ?? 0)
        case .bool: return .int(try cell.decode(Bool.self) ? 1 : 0)
        default: return .text(try cell.decode(String.self))
        }
    }

    static func translate(_ error: PSQLError) -> SQLError {
        translate(
            state: error.serverInfo?[.sqlState], message: error.serverInfo?[.message] ?? String(reflecting: error))
    }

    /// An error of the older API named statements run through.
    static func translate(_ error: PostgresError) -> SQLError {
        guard case .server(let server) = error else { return .failure("PostgreSQL: \(error.description)") }
        return translate(state: server.fields[.sqlState], message: server.fields[.message] ?? error.description)
    }

    private static func translate(state: String?, message: String) -> SQLError {
        switch state {
        case "23505": return .uniqueViolation(message)
        case "40001", "40P01", "55P03": return .busy(message)
        // disk full, out of resources or memory, a read-only transaction (a standby), the server
        // starting or stopping, an I/O error.
        case "53100", "53000", "53200", "25006", "57P03", "57P01", "58030":
            return .unavailable("PostgreSQL \(state ?? "error"): \(message)")
        default: return .failure("PostgreSQL \(state ?? "error"): \(message)")
        }
    }
}
