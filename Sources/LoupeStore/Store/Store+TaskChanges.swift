public import LoupeDomain

extension Store {
    /// Cancels a task that is not finished; `clearUniqueID` frees its unique id for reuse.
    /// Throws `not_found`, or `invalid_state` naming the current status.
    public func cancelTask(id: String, organizationID: String, clearUniqueID: Bool, at time: Timestamp) async throws
        -> WorkTask
    {
        try await database.write { db in
            let cancelable = TaskStatus.allCases.filter(\.isCancelable)
            let marks = cancelable.map { _ in "?" }.joined(separator: ", ")
            let rows = try await db.query(
                """
                UPDATE tasks SET status = 'canceled', canceled_at = ?, updated_at = ?,
                    unique_id = CASE WHEN ? = 1 THEN NULL ELSE unique_id END
                WHERE id = ? AND org_id = ? AND status IN (\(marks))
                RETURNING \(Self.taskColumns)
                """,
                [
                    .int(time.microseconds), .int(time.microseconds), .int(clearUniqueID ? 1 : 0), .text(id),
                    .text(organizationID),
                ] + cancelable.map { .text($0.rawValue) })
            if let row = rows.first { return Self.task(row) }
            guard
                let current = try await db.query(
                    "SELECT status FROM tasks WHERE id = ? AND org_id = ?", [.text(id), .text(organizationID)]
                ).first?.string(0)
            else { throw DomainError.notFound("task", id) }
            throw DomainError(
                .invalidState, "task \(id) is \(current) and can no longer be canceled",
                details: [.init(path: "/status", reason: "is \(current)")])
        }
    }

    /// Deletes tasks; returns the ids that existed in the organization and mode and were deleted.
    public func deleteTasks(ids: [String], organizationID: String, testMode: Bool) async throws -> [String] {
        guard !ids.isEmpty else { return [] }
        return try await database.write { db in
            let marks = ids.map { _ in "?" }.joined(separator: ", ")
            let binds: [SQLValue] = [.text(organizationID), .int(testMode ? 1 : 0)] + ids.map(SQLValue.text)
            try await db.execute(
                """
                DELETE FROM task_tags WHERE org_id = ? AND task_id IN (
                    SELECT id FROM tasks WHERE test_mode = ? AND id IN (\(marks)))
                """, binds)
            return try await db.query(
                "DELETE FROM tasks WHERE org_id = ? AND test_mode = ? AND id IN (\(marks)) RETURNING id", binds
            ).compactMap { $0.string(0) }
        }
    }

    /// Sets the priority of the organization's tasks in `testMode` that are not finished; returns the ids changed.
    public func setPriority(_ priority: Int, ids: [String], organizationID: String, testMode: Bool, at time: Timestamp)
        async throws -> [String]
    {
        guard !ids.isEmpty else { return [] }
        return try await database.write { db in
            let marks = ids.map { _ in "?" }.joined(separator: ", ")
            return try await db.query(
                """
                UPDATE tasks SET priority = ?, updated_at = ?
                WHERE org_id = ? AND test_mode = ? AND id IN (\(marks))
                    AND status IN ('staged', 'pending', 'in_progress', 'in_review')
                RETURNING id
                """,
                [.int(Int64(priority)), .int(time.microseconds), .text(organizationID), .int(testMode ? 1 : 0)]
                    + ids.map(SQLValue.text)
            ).compactMap { $0.string(0) }
        }
    }

    /// Offers staged tasks to workers (they become pending); returns the ids that were staged in
    /// the organization and mode. Others are left as they are.
    public func submitStagedTasks(ids: [String], organizationID: String, testMode: Bool, at time: Timestamp)
        async throws -> [String]
    {
        guard !ids.isEmpty else { return [] }
        return try await database.write { db in
            try await db.query(
                """
                UPDATE tasks SET status = 'pending', updated_at = ?
                WHERE org_id = ? AND test_mode = ? AND status = 'staged' AND id IN (\(Self.placeholders(ids.count)))
                RETURNING id
                """, [.int(time.microseconds), .text(organizationID), .int(testMode ? 1 : 0)] + ids.map(SQLValue.text)
            ).compactMap { $0.string(0) }
        }
    }

    /// Reads, changes and saves a task's metadata and tags in one transaction.
    public func updateTask(
        id: String, organizationID: String, at time: Timestamp, _ change: (inout WorkTask) throws -> Void
    ) async throws -> WorkTask {
        try await database.write { db in
            let lock = db.dialect == .postgres ? " FOR UPDATE" : ""
            guard
                var task = try await db.query(
                    "SELECT \(Self.taskColumns) FROM tasks WHERE id = ? AND org_id = ?\(lock)",
                    [.text(id), .text(organizationID)]
                ).first.map(Self.task)
            else { throw DomainError.notFound("task", id) }
            let originalTags = task.tags
            try change(&task)
            task.updatedAt = time
            try await db.execute(
                "UPDATE tasks SET metadata = ?, tags = ?, updated_at = ? WHERE id = ? AND org_id = ?",
                [
                    .text(task.metadata.text), .text(StoredJSON.text(task.tags)), .int(time.microseconds), .text(id),
                    .text(organizationID),
                ])
            if task.tags != originalTags {
                try await db.execute("DELETE FROM task_tags WHERE task_id = ?", [.text(id)])
                for tag in Set(task.tags) {
                    try await db.execute(
                        "INSERT INTO task_tags (task_id, org_id, tag) VALUES (?, ?, ?)",
                        [.text(id), .text(organizationID), .text(tag)])
                }
            }
            return task
        }
    }
}
