public import LoupeDomain
public import LoupeStore

extension APIEnvironment {
    /// The task if it exists in the caller's organization and mode: a test key's sandbox and live
    /// work do not see each other, so the other mode's task is a 404 like a missing one.
    func visibleTask(id: String, for caller: Caller) async throws -> WorkTask {
        guard let task = try await store.task(id: id, organizationID: caller.organizationID),
            caller.sees(testMode: task.testMode)
        else { throw DomainError.notFound("task", id) }
        return task
    }

    /// The batch if it exists in the caller's organization and mode (else a 404).
    func visibleBatch(id: String, for caller: Caller) async throws -> Batch {
        guard let batch = try await store.batch(id: id, organizationID: caller.organizationID),
            caller.sees(testMode: batch.testMode)
        else { throw DomainError.notFound("batch", id) }
        return batch
    }

    /// The batch named `name` (its `client_batch_id`) in the caller's organization and mode, or nil.
    func visibleBatch(named name: String, for caller: Caller) async throws -> Batch? {
        guard let batch = try await store.batch(named: name, organizationID: caller.organizationID),
            caller.sees(testMode: batch.testMode)
        else { return nil }
        return batch
    }
}

extension TaskFilter {
    /// A filter over the tasks the caller sees: its organization's, in its mode.
    public init(for caller: Caller) {
        self.init(organizationID: caller.organizationID)
        testMode = caller.isTest
    }
}
