import LoupeStore
import Synchronization

/// Group commit for SQLite's single writer. Writes queue their bodies; one drain task on a thread
/// of its own (`DedicatedThreadExecutor`) runs the queued bodies back to back on the writer
/// connection, each in its own savepoint, inside one transaction, commits once and hands each
/// writer its result. Writers sleep until then, so the connection never waits for a sleeping
/// task to be scheduled and the drain never waits behind request handlers. A body that throws
/// rolls back only its savepoint; a failed commit fails every write of its group. Nobody returns
/// before the commit that holds their changes, so callers see the same guarantees as one
/// transaction each.
final class SQLiteWriteGroup: Sendable {
    private struct State {
        var draining = false
        var queue: [any QueuedWrite] = []
    }

    private let connection: SQLiteConnection
    private let state = Mutex(State())
    private let thread = DedicatedThreadExecutor(name: "loupe-sqlite-writer")
    private let walFlusher: WALFlusher
    private let checkpointer: SQLiteCheckpointer
    private let maxGroup: Int

    /// A group writing through `connection` to the database at `path`.
    init(connection: SQLiteConnection, path: String, maxGroup: Int = 256) throws {
        self.connection = connection
        self.walFlusher = WALFlusher(path: path + "-wal")
        self.checkpointer = try SQLiteCheckpointer(path: path)
        self.maxGroup = maxGroup
        checkpointer.attach(to: connection)
    }

    deinit {
        thread.shutdown()
        walFlusher.shutdown()
        checkpointer.shutdown()
    }

    func write<T>(_ body: (any SQLConnection) async throws -> T) async throws -> T {
        // The body runs on the drain task while this one sleeps on its ticket, so it never runs
        // concurrently with the caller and never outlives this call.
        try await withoutActuallyEscaping(body) { body in
            let ticket = WriteTicket(body: UncheckedBody(run: body))
            let startDrain = state.withLock { state in
                state.queue.append(ticket)
                if state.draining { return false }
                state.draining = true
                return true
            }
            if startDrain {
                Task(executorPreference: thread) { await self.drain() }
            }
            await ticket.waitUntilDone()
            return try ticket.result()
        }
    }

    /// Runs groups until the queue is empty.
    private func drain() async {
        while true {
            let group = state.withLock { state in
                var group: [any QueuedWrite] = []
                if state.queue.count <= maxGroup {
                    swap(&group, &state.queue)
                } else {
                    group = Array(state.queue.prefix(maxGroup))
                    state.queue.removeFirst(maxGroup)
                }
                if group.isEmpty { state.draining = false }
                return group
            }
            if group.isEmpty { return }
            await run(group)
        }
    }

    /// One transaction for `group`: each body in a savepoint, one commit, then every result delivered.
    private func run(_ group: [any QueuedWrite]) async {
        do {
            try connection.step("BEGIN IMMEDIATE")
        } catch {
            for write in group { write.finish(failure: error) }
            return
        }
        for write in group {
            do {
                try connection.step("SAVEPOINT loupe_write")
                if await write.run(connection) {
                    try connection.step("RELEASE loupe_write")
                } else {
                    try connection.step("ROLLBACK TO loupe_write")
                    try connection.step("RELEASE loupe_write")
                }
            } catch {
                // The transaction itself is broken: undo it for the whole group.
                try? connection.step("ROLLBACK")
                for write in group { write.finish(failure: error) }
                return
            }
        }
        do {
            try connection.step("COMMIT")
        } catch {
            try? connection.step("ROLLBACK")
            for write in group { write.finish(failure: error) }
            return
        }
        walFlusher.committed()
        for write in group { write.finish(failure: nil) }
        // After the answers: the checkpoint turn is not the group's to wait for.
        checkpointer.takeWriterTurn(on: connection)
    }
}

/// A write waiting in the queue, as the drain task sees it.
private protocol QueuedWrite: Sendable {
    /// Runs the body; returns whether it succeeded (its outcome is kept for its writer).
    func run(_ connection: SQLiteConnection) async -> Bool
    /// Delivers the outcome, or `failure` when the group's transaction failed, and wakes the writer.
    func finish(failure: (any Error)?)
}

/// A body handed to the drain task; only run while its writer sleeps (see `SQLiteWriteGroup.write`).
private struct UncheckedBody<T>: @unchecked Sendable {
    let run: (any SQLConnection) async throws -> T
}

/// One queued write: its body, its outcome once run, and its sleeping writer.
private final class WriteTicket<T>: QueuedWrite, @unchecked Sendable {
    private struct State {
        var delivered = false
        var sleeper: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())
    // Both written and read under `state`'s lock. The body is dropped once run or failed, before
    // its writer wakes: it must not outlive the writer's call.
    private var body: UncheckedBody<T>?
    private var outcome: Result<T, any Error>?

    init(body: UncheckedBody<T>) { self.body = body }

    func run(_ connection: SQLiteConnection) async -> Bool {
        guard let body = state.withLock({ _ in self.body.take() }) else { return false }
        let outcome: Result<T, any Error>
        do {
            outcome = .success(try await body.run(connection))
        } catch {
            outcome = .failure(error)
        }
        let succeeded = if case .success = outcome { true } else { false }
        state.withLock { _ in self.outcome = outcome }
        return succeeded
    }

    func finish(failure: (any Error)?) {
        let sleeper = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if let failure { self.outcome = .failure(failure) }
            self.body = nil
            state.delivered = true
            defer { state.sleeper = nil }
            return state.sleeper
        }
        sleeper?.resume()
    }

    /// Sleeps until the outcome is delivered.
    func waitUntilDone() async {
        await withCheckedContinuation { (sleeper: CheckedContinuation<Void, Never>) in
            let done = state.withLock { state in
                if state.delivered { return true }
                state.sleeper = sleeper
                return false
            }
            if done { sleeper.resume() }
        }
    }

    /// The delivered outcome.
    func result() throws -> T {
        try state.withLock { state in
            guard state.delivered, let outcome = self.outcome else {
                preconditionFailure("a write returned before its group committed")
            }
            return try outcome.get()
        }
    }
}
