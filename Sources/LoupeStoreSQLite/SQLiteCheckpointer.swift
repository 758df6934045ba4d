import Foundation

/// Copies the write-ahead log back into the database file on a thread of its own.
///
/// SQLite checkpoints on the connection that commits, once the log holds 1,000 pages: copying
/// them and syncing the database file held every queued write for 2–6 ms, about once every 40
/// commits. Here the writer's commit hook only hands that pass to this thread (`.background`),
/// which copies while the writer goes on. What was committed meanwhile is left for the writer's
/// turn (`.writerTurn`): a short checkpoint of those few pages on the writer itself, taken once
/// the writes of its group have been answered (`takeWriterTurn`), so that the log is fully copied
/// when the following transaction begins and SQLite starts the log over instead of growing it. A
/// pass that falls far behind (a slow disk) makes the writer wait, as SQLite's own checkpoint
/// did, so the log stays bounded. Both passes are SQLite's own passive checkpoints; durability
/// and crash recovery are SQLite's, unchanged.
final class SQLiteCheckpointer: @unchecked Sendable {
    private enum Phase {
        case idle, background, writerTurn
    }

    private let connection: SQLiteConnection
    private let threshold: Int
    private let waitAbove: Int
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var phase = Phase.idle
    private var stopping = false

    /// A checkpointer with its own connection to the database at `path`, starting a pass once
    /// the log holds `threshold` pages; the writer waits for a pass still running at `waitAbove`.
    init(path: String, threshold: Int = 1_000, waitAbove: Int = 4_000) throws {
        connection = try SQLiteConnection(path: path, readOnly: false, memoryMapBytes: 0)
        self.threshold = threshold
        self.waitAbove = waitAbove
        startThread(named: "loupe-sqlite-checkpoint") { [self] in serve() }
    }

    /// Takes over checkpointing from `writer`, whose commits then report here; the writer takes
    /// its turns through `takeWriterTurn(on:)`.
    func attach(to writer: SQLiteConnection) {
        writer.onCommit { [self] frames in committed(frames: frames) }
    }

    /// Ends the thread after its current pass.
    func shutdown() {
        condition.broadcasting { stopping = true }
    }

    /// On the writer's thread, after each commit, with the pages now in the log.
    private func committed(frames: Int) {
        condition.lock()
        // A pass that cannot keep up (a slow or busy disk) would let the log grow without end:
        // past `waitAbove` pages the writer waits for it, as it would for SQLite's own checkpoint.
        while phase == .background && frames >= waitAbove && !stopping { condition.wait() }
        if phase == .idle && frames >= threshold {
            phase = .background
            condition.signal()
        }
        condition.unlock()
    }

    /// On the writer's thread, between transactions: copies what was committed during the last
    /// background pass, if that pass is over, so that the next transaction starts the log over.
    func takeWriterTurn(on writer: SQLiteConnection) {
        let due = condition.withLock {
            guard phase == .writerTurn else { return false }
            phase = .idle
            return true
        }
        if due { writer.checkpoint() }
    }

    private func serve() {
        // The writer runs at this priority; a pass that lags behind it lets the log grow.
        raiseCurrentThreadPriority()
        while true {
            condition.lock()
            while phase != .background && !stopping { condition.wait() }
            let stop = stopping
            condition.unlock()
            if stop { return }
            connection.checkpoint()
            // Wakes the writer too, if it waits for this pass.
            condition.broadcasting { phase = .writerTurn }
        }
    }
}
