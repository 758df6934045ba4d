import Synchronization

/// Lends a fixed set of resources to one task at a time each, waiting in FIFO order when all are out.
///
/// SQLite connections are not thread-safe; this pool is what makes each one used by a single task.
final class AsyncResourcePool<Resource: Sendable>: Sendable {
    private struct State {
        var available: [Resource]
        var waiters: [CheckedContinuation<Resource, Never>] = []
    }

    private let state: Mutex<State>

    init(_ resources: [Resource]) {
        precondition(!resources.isEmpty, "a pool needs at least one resource")
        state = Mutex(State(available: resources))
    }

    /// Runs `body` with a resource, returning it to the pool afterwards.
    func withResource<T>(_ body: (Resource) async throws -> T) async throws -> T {
        let resource = await acquire()
        defer { release(resource) }
        return try await body(resource)
    }

    private func acquire() async -> Resource {
        if let resource = state.withLock({ $0.available.popLast() }) { return resource }
        return await withCheckedContinuation { continuation in
            let ready: Resource? = state.withLock { state in
                if let resource = state.available.popLast() { return resource }
                state.waiters.append(continuation)
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    private func release(_ resource: Resource) {
        let waiter: CheckedContinuation<Resource, Never>? = state.withLock { state in
            if state.waiters.isEmpty {
                state.available.append(resource)
                return nil
            }
            return state.waiters.removeFirst()
        }
        waiter?.resume(returning: resource)
    }
}
