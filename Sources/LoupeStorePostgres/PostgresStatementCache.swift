import Logging
import LoupeStore
import PostgresNIO
import Synchronization

/// The statements each pooled connection has prepared (named statements of PostgreSQL's extended
/// protocol), so PostgreSQL parses and plans a repeated statement once per connection instead of on
/// every call: sent unnamed, the queue's claim spent 2–3× as long being planned as being run.
///
/// A statement is prepared the second time a connection sees it (one-off SQL such as a batch's
/// multi-row insert never costs the extra round trip), and each connection keeps at most `capacity`
/// of them, the least recently used deallocated first. PostgreSQL keeps prepared statements per
/// session, so they outlive the transaction they were prepared in; a connection's entries are
/// dropped when it closes.
final class PostgresStatementCache: Sendable {
    /// A statement's SQL with the kind of each bound value, as each kind is prepared with its own
    /// parameter type (a NULL's type is inferred from where it is used).
    struct Key: Hashable, Sendable {
        let sql: String
        let kinds: [UInt8]
    }

    private struct Entry {
        let statement: PreparedQuery
        var lastUse: UInt64
    }

    private struct ConnectionStatements {
        var prepared: [Key: Entry] = [:]
        var seen: Set<Key> = []
        var clock: UInt64 = 0

        /// What to do with `key` on this connection, with the bookkeeping done as if it is done.
        mutating func plan(for key: Key, capacity: Int) -> Plan {
            clock += 1
            // By index: the key (the whole SQL) is hashed once on this, every query's, path.
            if let index = prepared.index(forKey: key) {
                prepared.values[index].lastUse = clock
                return .prepared(prepared.values[index].statement)
            }
            if seen.count >= capacity * 8 { seen.removeAll(keepingCapacity: true) }
            guard seen.remove(key) != nil else {
                seen.insert(key)
                return .unnamed
            }
            var evicting: PreparedQuery?
            if prepared.count >= capacity, let oldest = prepared.min(by: { $0.value.lastUse < $1.value.lastUse }) {
                prepared[oldest.key] = nil
                evicting = oldest.value.statement
            }
            return .prepare(evicting: evicting)
        }

        /// Records `statement`, just prepared for `key`, as the most recently used.
        mutating func add(_ statement: PreparedQuery, for key: Key) {
            clock += 1
            prepared[key] = Entry(statement: statement, lastUse: clock)
        }
    }

    private enum Plan {
        case unnamed
        case prepared(PreparedQuery)
        case prepare(evicting: PreparedQuery?)
    }

    /// Statements with more parameters than this are sent unnamed (they are bulk writes).
    let maxParameters: Int
    /// Prepared statements kept per connection.
    let capacity: Int
    private let connections = Mutex<[PostgresConnection.ID: ConnectionStatements]>([:])

    /// A cache keeping up to `capacity` statements per connection.
    init(capacity: Int = 256, maxParameters: Int = 64) {
        self.capacity = capacity
        self.maxParameters = maxParameters
    }

    /// The statement prepared on `connection` for `sql` with binds like `binds`, preparing it now
    /// when this is the second time the connection runs it; nil when it is to be sent unnamed.
    func statement(
        for sql: String, _ binds: [SQLValue], on connection: PostgresConnection
    ) async throws -> PreparedQuery? {
        let key = Key(sql: sql, kinds: binds.map(Self.kind))
        switch plan(for: key, connection: connection) {
        case .unnamed:
            return nil
        case .prepared(let statement):
            return statement
        case .prepare(let evicting):
            if let evicting { try await evicting.deallocate().get() }
            let statement = try await connection.prepare(query: Self.typedPlaceholders(key)).get()
            connections.withLock { $0[connection.id]?.add(statement, for: key) }
            return statement
        }
    }

    private func plan(for key: Key, connection: PostgresConnection) -> Plan {
        guard capacity > 0, !key.kinds.isEmpty, key.kinds.count <= maxParameters else { return .unnamed }
        let (plan, isNew) = connections.withLock { connections in
            let isNew = connections[connection.id] == nil
            // Mutated in place: a copy taken out of the dictionary would copy every statement.
            return (
                connections[connection.id, default: ConnectionStatements()].plan(for: key, capacity: capacity), isNew
            )
        }
        if isNew {
            let id = connection.id
            connection.closeFuture.whenComplete { [self] _ in connections.withLock { $0[id] = nil } }
        }
        return plan
    }

    /// The SQL to prepare: each placeholder numbered and cast to the type of the value it will be
    /// bound to, as an unnamed statement's parameters are typed by their binds (a NULL's is left
    /// to PostgreSQL to infer, as it is unnamed).
    static func typedPlaceholders(_ key: Key) -> String {
        PostgresSQLConnection.numberedPlaceholders(key.sql) { number in
            switch key.kinds[number - 1] {
            case integer: "::int8"
            case double: "::float8"
            case text: "::text"
            default: ""
            }
        }
    }

    private static let integer = UInt8(ascii: "i")
    private static let double = UInt8(ascii: "d")
    private static let text = UInt8(ascii: "t")
    private static let null = UInt8(ascii: "n")

    private static func kind(_ value: SQLValue) -> UInt8 {
        switch value {
        case .null: null
        case .int: integer
        case .double: double
        case .text: text
        }
    }
}
