public import LoupeDomain

extension Store {
    /// The items of a batch with positions `from..<from + count` in its file: the tasks made from
    /// them and the items that failed, each in position order.
    public func batchItems(batchID: String, from: Int, count: Int) async throws -> (
        tasks: [WorkTask], failures: [BatchFailure]
    ) {
        let failures = try await batchFailures(batchID: batchID, afterIndex: from - 1, limit: count).filter {
            $0.index < from + count
        }
        let tasks = try await database.read { db in
            try await db.query(
                """
                SELECT \(Self.taskColumns) FROM tasks
                WHERE batch_id = ? AND batch_index >= ? AND batch_index < ? ORDER BY batch_index
                """, [.text(batchID), .int(Int64(from)), .int(Int64(from + count))]
            ).map(Self.task)
        }
        return (tasks, failures)
    }
}
