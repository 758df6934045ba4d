import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Flushes the write-ahead log to disk in the background, a few milliseconds after commits.
///
/// With `synchronous = NORMAL`, SQLite syncs the WAL only when it checkpoints, on the writer's
/// thread: the first sync found every page written since the last checkpoint still dirty and held
/// every queued write for ~3.5 ms (the whole checkpoint for 5–6 ms). Syncing the same file from
/// here as it fills leaves that sync almost nothing to do. It adds no guarantee and removes none:
/// an fsync of the file is an fsync of the file whichever descriptor asks for it.
final class WALFlusher: @unchecked Sendable {
    private let path: String
    private let delay: Duration
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var dirty = false
    private var stopping = false

    /// Starts the flushing thread for the WAL file at `path` (opened when it first exists); it
    /// waits `delay` after a commit so that one sync covers the commits that follow it.
    init(path: String, delay: Duration = .milliseconds(4)) {
        self.path = path
        self.delay = delay
        startThread(named: "loupe-wal-flush") { [self] in serve() }
    }

    /// Notes a commit: the log has pages to flush.
    func committed() {
        condition.signalling { dirty = true }
    }

    /// Ends the thread after its current flush.
    func shutdown() {
        condition.signalling { stopping = true }
    }

    private func serve() {
        var descriptor: Int32 = -1
        defer { if descriptor >= 0 { close(descriptor) } }
        while true {
            condition.lock()
            while !dirty && !stopping { condition.wait() }
            let stop = stopping
            condition.unlock()
            if stop { return }
            Thread.sleep(
                forTimeInterval: Double(delay.components.attoseconds) / 1e18 + Double(delay.components.seconds))
            condition.lock()
            dirty = false
            condition.unlock()
            if descriptor < 0 { descriptor = open(path, O_RDONLY | O_CLOEXEC) }
            if descriptor >= 0 { _ = fdatasync(descriptor) }
        }
    }
}
