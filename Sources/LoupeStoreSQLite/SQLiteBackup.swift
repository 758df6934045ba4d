import CSQLite
import Foundation
public import LoupeStore

/// A consistent copy of a live SQLite database through SQLite's online backup API, while the
/// server keeps serving. The pages are copied in one step inside one read transaction: in WAL
/// mode that blocks no writer, and the copy is the database as of the moment it began (copying
/// in several steps would restart after every write of a busy server and might never finish).
public enum SQLiteBackup {
    /// Copies the database at `source` to `destination` (created or replaced) and returns the
    /// number of pages copied. The copy is written beside `destination` and renamed into place
    /// only once complete, so a failed backup never leaves a partial file under that name.
    @discardableResult
    public static func copy(from source: String, to destination: String) throws -> Int {
        guard FileManager.default.fileExists(atPath: source) else {
            throw SQLError.failure("there is no database at \(source)")
        }
        let partial = destination + ".partial"
        try? FileManager.default.removeItem(atPath: partial)
        let from = try open(source, flags: SQLITE_OPEN_READONLY)
        defer { sqlite3_close_v2(from) }
        let to = try open(partial, flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        var closedTarget = false
        defer { if !closedTarget { sqlite3_close_v2(to) } }
        guard let backup = sqlite3_backup_init(to, "main", from, "main") else {
            throw SQLError.failure("SQLite backup: \(String(cString: sqlite3_errmsg(to)))")
        }
        var status: Int32 = SQLITE_OK
        var waits = 0
        repeat {
            status = sqlite3_backup_step(backup, -1)
            // Another connection holds a lock it cannot share yet: wait a moment (up to a minute in
            // all, beyond each step's own busy timeout), not fail at once.
            if status == SQLITE_BUSY || status == SQLITE_LOCKED {
                waits += 1
                usleep(20_000)
            }
        } while status == SQLITE_OK || ((status == SQLITE_BUSY || status == SQLITE_LOCKED) && waits < 3_000)
        let pages = Int(sqlite3_backup_pagecount(backup))
        let finished = sqlite3_backup_finish(backup)
        guard status == SQLITE_DONE, finished == SQLITE_OK else {
            let message = String(cString: sqlite3_errmsg(to))
            try? FileManager.default.removeItem(atPath: partial)
            throw SQLError.failure("SQLite backup failed: \(message)")
        }
        // A single file: the copy needs no WAL beside it.
        sqlite3_exec(to, "PRAGMA journal_mode = DELETE", nil, nil, nil)
        sqlite3_close_v2(to)
        closedTarget = true
        try? FileManager.default.removeItem(atPath: destination)
        try FileManager.default.moveItem(atPath: partial, toPath: destination)
        return pages
    }

    private static func open(_ path: String, flags: Int32) throws -> OpaquePointer {
        var db: OpaquePointer?
        guard sqlite3_open_v2(path, &db, flags, nil) == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open \(path)"
            if let db { sqlite3_close_v2(db) }
            throw SQLError.failure("SQLite: \(message)")
        }
        sqlite3_busy_timeout(db, 10_000)
        return db
    }
}
