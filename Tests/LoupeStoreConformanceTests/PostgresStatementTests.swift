import Logging
import LoupeServer
import LoupeStore
import LoupeTestSupport
import Testing

@Suite("PostgreSQL prepared statements", .enabled(if: TestDatabase.isPostgres))
struct PostgresStatementTests {
    /// Runs `body` on one connection of a fresh database, opened as the server opens it, whose
    /// connections keep `capacity` statements.
    private func withOneConnection(
        capacity: Int = 2, _ body: @Sendable @escaping (any SQLConnection) async throws -> Void
    ) async throws {
        var configuration = try await TestDatabase.freshConfiguration()
        configuration.postgresPreparedStatements = capacity
        try await configuration.openDatabase(logger: Logger(label: "loupe-test")).withRunning { store in
            try await store.database.read(body)
        }
    }

    private static func prepared(_ db: any SQLConnection) async throws -> [String] {
        try await db.query("SELECT statement FROM pg_prepared_statements ORDER BY prepare_time", []).compactMap {
            $0.string(0)
        }
    }

    @Test func aRepeatedStatementIsPreparedOnceAndTheLeastRecentlyUsedIsDeallocated() async throws {
        try await withOneConnection { db in
            let add = "SELECT ? + 1"
            #expect(try await db.query(add, [.int(41)]).first?.int64(0) == 42)
            #expect(try await Self.prepared(db).isEmpty, "a statement seen once is sent unnamed")
            #expect(try await db.query(add, [.int(1)]).first?.int64(0) == 2)
            #expect(try await db.query(add, [.int(2)]).first?.int64(0) == 3)
            #expect(try await Self.prepared(db) == ["SELECT $1::int8 + 1"], "prepared once, typed as it is bound")

            let concat = "SELECT ? || '?', ? * 2"
            for _ in 0..<2 {
                let row = try #require(try await db.query(concat, [.text("a"), .double(1.25)]).first)
                #expect(row.string(0) == "a?" && row.double(1) == 2.5)
            }
            _ = try await db.query(add, [.int(0)])
            let fallback = "SELECT COALESCE(?, 7)"
            for _ in 0..<2 { #expect(try await db.query(fallback, [.null]).first?.int64(0) == 7) }
            #expect(
                try await Self.prepared(db) == ["SELECT $1::int8 + 1", "SELECT COALESCE($1, 7)"],
                "the least recently used of the two is deallocated; a NULL's type is inferred")
        }
    }

    @Test func errorsOfAPreparedStatementKeepTheirKind() async throws {
        try await withOneConnection { db in
            try await db.execute("CREATE TEMPORARY TABLE keys (key TEXT PRIMARY KEY)")
            for key in ["a", "b", "c"] { try await db.execute("INSERT INTO keys (key) VALUES (?)", [.text(key)]) }
            #expect(try await Self.prepared(db).count == 1)
            await #expect {
                try await db.execute("INSERT INTO keys (key) VALUES (?)", [.text("a")])
            } throws: { error in
                if case .uniqueViolation = error as? SQLError { true } else { false }
            }
        }
    }

    @Test func noStatementIsPreparedWhenTheCapacityIsZero() async throws {
        #expect(
            AppConfiguration.fromEnvironment(["LOUPE_POSTGRES_PREPARED_STATEMENTS": "0"]).postgresPreparedStatements
                == 0)
        try await withOneConnection(capacity: 0) { db in
            var sums: [Int64?] = []
            for number in Int64(1)...3 {
                sums.append(try await db.query("SELECT ? + 1", [.int(number)]).first?.int64(0))
            }
            #expect(sums == [2, 3, 4])
            #expect(try await Self.prepared(db).isEmpty, "capacity 0 sends every statement unnamed")
        }
    }
}
