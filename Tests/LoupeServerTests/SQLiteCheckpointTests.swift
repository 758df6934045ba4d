import Foundation
import LoupeStore
import LoupeStoreSQLite
import Testing

@Suite("SQLite checkpoints off the writer")
struct SQLiteCheckpointTests {
    /// Checkpoints run on their own thread now that SQLite's own one (on the committing
    /// connection) is replaced: the log must still be copied back and started over, not grow with
    /// every commit, and every row must read back intact.
    @Test func theLogStaysBoundedUnderSustainedWrites() async throws {
        let directory = NSTemporaryDirectory() + "loupe-checkpoint-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/db.sqlite"
        let database = try SQLiteDatabase(path: path)
        try await database.write { db in
            try await db.execute("CREATE TABLE blobs (id INTEGER PRIMARY KEY, body TEXT NOT NULL)", [])
        }
        let body = String(repeating: "loupe ", count: 4_000)  // ~6 pages per row
        var largestLog = 0
        for index in 0..<2_400 {
            try await database.write { db in
                try await db.execute("INSERT INTO blobs (id, body) VALUES (?, ?)", [.int(Int64(index)), .text(body)])
            }
            let size = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
            largestLog = max(largestLog, size)
        }
        // 2,400 commits wrote ~15,000 pages (~60 MB, 80 MB without checkpoints) to the log;
        // passes every ~1,000 pages keep it to ~4 MB, and a pass that falls behind (a busy disk,
        // as in a parallel test run) makes the writer wait at 4,000 pages (~16.5 MB).
        #expect(largestLog > 0)
        #expect(largestLog < 20_000_000, "the write-ahead log grew to \(largestLog) bytes")
        let (count, integrity) = try await database.read { db in
            let count = try await db.query("SELECT COUNT(*), SUM(length(body)) FROM blobs", []).first
            let integrity = try await db.query("PRAGMA integrity_check", []).first?.string(0)
            return (count, integrity)
        }
        #expect(count?.int(0) == 2_400)
        #expect(count?.int64(1) == Int64(2_400 * body.utf8.count))
        #expect(integrity == "ok")
    }
}
