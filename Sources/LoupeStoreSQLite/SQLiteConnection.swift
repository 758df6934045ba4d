import CSQLite
import LoupeStore

/// One SQLite connection with a cache of prepared statements.
///
/// `@unchecked Sendable`: the handle is only touched by the task that borrowed it from an
/// `AsyncResourcePool`, which lends each connection to one task at a time.
final class SQLiteConnection: SQLConnection, @unchecked Sendable {
    private let handle: OpaquePointer
    var dialect: SQLDialect { .sqlite }
    private var statements: [String: OpaquePointer] = [:]
    private var commitHook: CommitHook?

    /// Opens (creating if needed) the database at `path` with Loupe's pragmas; `memoryMapBytes`
    /// of the file are read through mmap (0 reads through the page cache only).
    init(path: String, readOnly: Bool, memoryMapBytes: Int = 268_435_456) throws {
        _ = Self.processSetup
        var db: OpaquePointer?
        let flags =
            (readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE))
            | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI
        let status = sqlite3_open_v2(path, &db, flags, nil)
        guard status == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open \(path)"
            if let db { sqlite3_close_v2(db) }
            throw SQLError.failure("SQLite: \(message)")
        }
        handle = db
        sqlite3_busy_timeout(db, 10_000)
        sqlite3_extended_result_codes(db, 1)
        if !readOnly {
            try exec("PRAGMA journal_mode = WAL")
        }
        try exec("PRAGMA synchronous = NORMAL")
        try exec("PRAGMA cache_size = -65536")
        try exec("PRAGMA temp_store = MEMORY")
        try exec("PRAGMA mmap_size = \(max(0, memoryMapBytes))")
    }

    deinit {
        for statement in statements.values { sqlite3_finalize(statement) }
        sqlite3_close_v2(handle)
    }

    /// Runs SQL text that may hold several statements and no binds.
    func exec(_ sql: String) throws {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let status = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        if status != SQLITE_OK {
            let message = errorMessage.map { String(cString: $0) } ?? "error \(status)"
            sqlite3_free(errorMessage)
            throw error(status, message)
        }
    }

    /// Calls `hook` after each commit of this connection with the number of pages in the
    /// write-ahead log, instead of SQLite's checkpoint at 1,000 pages.
    func onCommit(_ hook: @escaping (Int) -> Void) {
        let box = CommitHook(hook)
        commitHook = box
        sqlite3_wal_hook(
            handle,
            { context, _, _, frames in
                guard let context else { return SQLITE_OK }
                Unmanaged<CommitHook>.fromOpaque(context).takeUnretainedValue().hook(Int(frames))
                return SQLITE_OK
            }, Unmanaged.passUnretained(box).toOpaque())
    }

    /// A passive checkpoint: copies what it can of the write-ahead log into the database file
    /// without waiting for anyone. Best effort; a busy or failed one leaves the log for the next.
    func checkpoint() {
        _ = sqlite3_wal_checkpoint_v2(handle, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
    }

    /// Runs one statement without binds or rows (BEGIN, COMMIT, a savepoint), prepared once.
    func step(_ sql: String) throws {
        _ = try run(sql, [], collect: false)
    }

    func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        try run(sql, binds, collect: true)
    }

    func execute(_ sql: String, _ binds: [SQLValue]) async throws {
        _ = try run(sql, binds, collect: false)
    }

    private func run(_ sql: String, _ binds: [SQLValue], collect: Bool) throws -> [SQLRow] {
        let statement = try prepared(sql)
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        for (offset, value) in binds.enumerated() {
            try bind(value, at: Int32(offset + 1), in: statement)
        }
        var rows: [SQLRow] = []
        let columnCount = sqlite3_column_count(statement)
        while true {
            let status = sqlite3_step(statement)
            if status == SQLITE_DONE { break }
            guard status == SQLITE_ROW else {
                throw error(status, String(cString: sqlite3_errmsg(handle)))
            }
            guard collect else { continue }
            var values: [SQLValue] = []
            values.reserveCapacity(Int(columnCount))
            for column in 0..<columnCount {
                values.append(read(statement, column))
            }
            rows.append(SQLRow(values))
        }
        return rows
    }

    private func prepared(_ sql: String) throws -> OpaquePointer {
        if let statement = statements[sql] { return statement }
        var statement: OpaquePointer?
        let status = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard status == SQLITE_OK, let statement else {
            throw error(status, String(cString: sqlite3_errmsg(handle)))
        }
        if statements.count > 512 {
            for cached in statements.values { sqlite3_finalize(cached) }
            statements.removeAll()
        }
        statements[sql] = statement
        return statement
    }

    private func bind(_ value: SQLValue, at index: Int32, in statement: OpaquePointer) throws {
        let status: Int32
        switch value {
        case .null: status = sqlite3_bind_null(statement, index)
        case .int(let int): status = sqlite3_bind_int64(statement, index, int)
        case .double(let double): status = sqlite3_bind_double(statement, index, double)
        case .text(let text):
            var text = text
            status = text.withUTF8 { buffer in
                sqlite3_bind_text(
                    statement, index,
                    buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) },
                    Int32(buffer.count), SQLiteConnection.transient)
            }
        }
        if status != SQLITE_OK { throw error(status, String(cString: sqlite3_errmsg(handle))) }
    }

    private func read(_ statement: OpaquePointer, _ column: Int32) -> SQLValue {
        switch sqlite3_column_type(statement, column) {
        case SQLITE_INTEGER: return .int(sqlite3_column_int64(statement, column))
        case SQLITE_FLOAT: return .double(sqlite3_column_double(statement, column))
        case SQLITE_NULL: return .null
        default:
            guard let pointer = sqlite3_column_text(statement, column) else { return .text("") }
            let count = Int(sqlite3_column_bytes(statement, column))
            return .text(String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self))
        }
    }

    private func error(_ status: Int32, _ message: String) -> SQLError {
        // SQLITE_CONSTRAINT_UNIQUE (2067) and _PRIMARYKEY (1555) are macros Swift does not import.
        switch status {
        case 2067, 1555: .uniqueViolation(message)
        case _ where status & 0xFF == SQLITE_BUSY || status & 0xFF == SQLITE_LOCKED: .busy(message)
        case _ where [SQLITE_FULL, SQLITE_READONLY, SQLITE_IOERR, SQLITE_CANTOPEN].contains(status & 0xFF):
            .unavailable("SQLite error \(status): \(message)")
        default: .failure("SQLite error \(status): \(message)")
        }
    }

    // Once per process, before the first connection initializes SQLite. Loupe never reads the
    // statistics, and keeping them serialises every allocation of every connection on one mutex.
    private static let processSetup: Void = { _ = loupe_sqlite3_disable_memory_statistics() }()

    // SQLITE_TRANSIENT: SQLite copies bound text before the Swift buffer goes away.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}

/// The closure behind a connection's commit hook (SQLite holds an unretained pointer to it; the
/// connection keeps it alive).
private final class CommitHook {
    let hook: (Int) -> Void
    init(_ hook: @escaping (Int) -> Void) { self.hook = hook }
}
