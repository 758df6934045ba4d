import LoupeStore
import Synchronization

/// Group commit for SQLite's single writer. Each write runs its own body on the one writer
/// connection inside a savepoint, in arrival order; when others are already waiting, it hands the
/// connection on without committing and waits, and whoever finds no one waiting (or fills the
/// group) commits for everybody. A body that throws rolls back only its savepoint. Nobody
/// returns before the commit that holds their changes, so callers see the same guarantees as one
/// transaction each, with one WAL commit shared by up to `maxGroup` writes.
final class SQLiteWriteGroup: Sendable {
    private struct State {
        var busy = false
        var waiting: [CheckedContinuation<Void, Never>] = []
        var transactionOpen = false
        var members: [CheckedContinuation<Void, any Error>] = []
    }

    private let connection: SQLiteConnection
    private let state = Mutex(State())
    private let maxGroup: Int

    init(connection: SQLiteConnection, maxGroup: Int = 64) {
        self.connection = connection
        self.maxGroup = maxGroup
    }

    func write<T>(_ body: (any SQLConnection) async throws -> T) async throws -> T {
        await acquire()
        let outcome: Result<T, any Error>
        do {
            if !state.withLock({ $0.transactionOpen }) {
                try connection.exec("BEGIN IMMEDIATE")
                state.withLock { $0.transactionOpen = true }
            }
            outcome = try await inSavepoint(body)
        } catch {
            // The transaction itself is broken: undo it for the whole group.
            abortGroup(error)
            throw error
        }
        let handOn = state.withLock { $0.waiting.count > 0 && $0.members.count + 1 < maxGroup }
        switch (outcome, handOn) {
        case (.success(let value), true):
            // The next writer (or one after it) commits for this group.
            try await withCheckedThrowingContinuation { (member: CheckedContinuation<Void, any Error>) in
                state.withLock { $0.members.append(member) }
                release()
            }
            return value
        case (.failure(let error), true):
            release()
            throw error
        default:
            try commitGroup()
            return try outcome.get()
        }
    }

    /// Runs `body` in a savepoint: released on success, rolled back on failure (its error is the
    /// result). Throws only when the savepoint itself cannot be handled.
    private func inSavepoint<T>(_ body: (any SQLConnection) async throws -> T) async throws -> Result<T, any Error> {
        try connection.exec("SAVEPOINT loupe_write")
        do {
            let value = try await body(connection)
            try connection.exec("RELEASE loupe_write")
            return .success(value)
        } catch {
            try connection.exec("ROLLBACK TO loupe_write")
            try connection.exec("RELEASE loupe_write")
            return .failure(error)
        }
    }

    /// Commits the open transaction for this writer and every member waiting on it, then frees
    /// the connection.
    private func commitGroup() throws {
        let members = state.withLock { state in
            defer {
                state.members = []
                state.transactionOpen = false
            }
            return state.members
        }
        do {
            try connection.exec("COMMIT")
        } catch {
            try? connection.exec("ROLLBACK")
            for member in members { member.resume(throwing: error) }
            release()
            throw error
        }
        for member in members { member.resume() }
        release()
    }

    /// Called with the connection held, when BEGIN, a savepoint or its rollback failed.
    private func abortGroup(_ error: any Error) {
        try? connection.exec("ROLLBACK")
        let members = state.withLock { state in
            defer {
                state.members = []
                state.transactionOpen = false
            }
            return state.members
        }
        for member in members { member.resume(throwing: error) }
        release()
    }

    private func acquire() async {
        let free = state.withLock { state in
            if state.busy { return false }
            state.busy = true
            return true
        }
        if free { return }
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            let nowFree = state.withLock { state in
                if state.busy {
                    state.waiting.append(waiter)
                    return false
                }
                state.busy = true
                return true
            }
            if nowFree { waiter.resume() }
        }
    }

    /// Passes the connection to the next waiter (it stays busy) or marks it free.
    private func release() {
        let next: CheckedContinuation<Void, Never>? = state.withLock { state in
            if state.waiting.isEmpty {
                state.busy = false
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.resume()
    }
}
