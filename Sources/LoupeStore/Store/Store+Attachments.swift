public import LoupeDomain

extension Store {
    /// Leases up to `limit` tasks whose attachments are to be fetched (or whose earlier check was
    /// abandoned by a crashed node) until `leaseUntil`.
    public func claimAttachmentChecks(now: Timestamp, leaseUntil: Timestamp, limit: Int) async throws -> [WorkTask] {
        try await database.write { db in
            let skipLocked = db.dialect == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
            return try await db.query(
                """
                UPDATE tasks SET attachment_check = 'checking', attachment_lease = ?
                WHERE id IN (SELECT id FROM tasks WHERE attachment_check = 'pending'
                    OR (attachment_check = 'checking' AND attachment_lease < ?) LIMIT ?\(skipLocked))
                RETURNING \(Self.taskColumns)
                """, [.int(leaseUntil.microseconds), .int(now.microseconds), .int(Int64(limit))]
            ).map(Self.task)
        }
    }

    /// Every attachment answered 200: the task joins the queue.
    public func passAttachmentCheck(taskID: String, now: Timestamp) async throws {
        try await database.write { db in
            try await db.execute(
                """
                UPDATE tasks SET attachment_check = NULL, attachment_lease = NULL, updated_at = ?
                WHERE id = ? AND attachment_check = 'checking'
                """, [.int(now.microseconds), .text(taskID)])
        }
    }

    /// Ends an unfinished task in `error` with `response` explaining why, and writes its
    /// `task.error` event in the same transaction. Returns nil when it had already moved on.
    @discardableResult
    public func failTask(id: String, response: JSONValue, now: Timestamp) async throws -> WorkTask? {
        try await database.write { db in
            guard
                let task = try await db.query(
                    """
                    UPDATE tasks SET status = 'error', response = ?, attachment_check = NULL, attachment_lease = NULL,
                        updated_at = ?
                    WHERE id = ? AND status IN ('pending', 'in_progress') RETURNING \(Self.taskColumns)
                    """, [.text(response.serialized()), .int(now.microseconds), .text(id)]
                ).first.map(Self.task)
            else { return nil }
            try await recordEvent(.taskError, task: task, now: now, db)
            return task
        }
    }
}
