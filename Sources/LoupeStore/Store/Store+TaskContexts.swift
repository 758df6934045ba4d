public import LoupeDomain

extension Store {
    /// Project and batch names and audits of `tasks`, for rendering them in a dialect's shape.
    public func taskContexts(for tasks: [WorkTask]) async throws -> [String: TaskContext] {
        try await database.read { db in try await Self.taskContexts(for: tasks, db) }
    }

    static func taskContexts(for tasks: [WorkTask], _ db: any SQLConnection) async throws -> [String: TaskContext] {
        var projectNames: [String: String] = [:]
        var batchNames: [String: String] = [:]
        for projectID in Set(tasks.map(\.projectID)) {
            projectNames[projectID] = try await db.query("SELECT name FROM projects WHERE id = ?", [.text(projectID)])
                .first?.string(0)
        }
        for batchID in Set(tasks.compactMap(\.batchID)) {
            batchNames[batchID] = try await db.query(
                "SELECT client_batch_id FROM batches WHERE id = ?", [.text(batchID)]
            ).first?.string(0)
        }
        var audits: [String: [TaskAudit]] = [:]
        let audited = tasks.filter { $0.customerReviewStatus != nil }.map(\.id)
        for taskID in audited {
            audits[taskID] = try await db.query(
                "SELECT accepted, comments, created_at FROM task_audits WHERE task_id = ? ORDER BY created_at",
                [.text(taskID)]
            ).map {
                TaskAudit(
                    accepted: $0.bool(0), comments: $0.string(1), createdAt: Timestamp(microseconds: $0.int64(2) ?? 0))
            }
        }
        var contexts: [String: TaskContext] = [:]
        for task in tasks {
            contexts[task.id] = TaskContext(
                projectName: projectNames[task.projectID] ?? task.projectID,
                batchName: task.batchID.flatMap { batchNames[$0] }, audits: audits[task.id] ?? [])
        }
        return contexts
    }

    /// A requester's audit of a completed task: accepted marks it so; rejected also sends it to
    /// rework (a new round), with the comments as the reason.
    public func auditTask(id: String, organizationID: String, accepted: Bool, comments: String?, now: Timestamp)
        async throws -> WorkTask
    {
        try await database.write { db in
            let lock = db.dialect == .postgres ? " FOR UPDATE" : ""
            guard
                let status = try await db.query(
                    "SELECT status FROM tasks WHERE id = ? AND org_id = ?\(lock)", [.text(id), .text(organizationID)]
                ).first.flatMap({ TaskStatus(rawValue: $0.string(0) ?? "") })
            else { throw DomainError.notFound("task", id) }
            guard [.completed, .delivered, .acknowledged].contains(status) else {
                throw DomainError(
                    .invalidState, "only completed tasks can be audited; task \(id) is \(status.rawValue)")
            }
            try await db.execute(
                "INSERT INTO task_audits (task_id, accepted, comments, created_at) VALUES (?, ?, ?, ?)",
                [.text(id), .int(accepted ? 1 : 0), comments.map(SQLValue.text) ?? .null, .int(now.microseconds)])
            try await db.execute(
                "UPDATE tasks SET customer_review_status = ?, updated_at = ? WHERE id = ?",
                [.text(accepted ? "accepted" : "rejected"), .int(now.microseconds), .text(id)])
            if !accepted {
                return try await rework(
                    id: id, organizationID: organizationID, reason: comments ?? "rejected in audit", now: now, db)
            }
            return try await Self.task(id: id, db)
        }
    }

    /// Sets or clears a task's unique id; a taken one throws `conflict` naming its task.
    public func setUniqueID(_ uniqueID: String?, taskID: String, organizationID: String, now: Timestamp) async throws
        -> WorkTask
    {
        try await database.write { db in
            if let uniqueID,
                let holder = try await Self.taskIDs(uniqueIDs: [uniqueID], organizationID: organizationID, db)[
                    uniqueID],
                holder != taskID
            {
                throw Self.duplicateUniqueID(uniqueID, existingID: holder)
            }
            guard
                let task = try await db.query(
                    "UPDATE tasks SET unique_id = ?, updated_at = ? WHERE id = ? AND org_id = ? RETURNING \(Self.taskColumns)",
                    [
                        uniqueID.map(SQLValue.text) ?? .null, .int(now.microseconds), .text(taskID),
                        .text(organizationID),
                    ]
                ).first.map(Self.task)
            else { throw DomainError.notFound("task", taskID) }
            return task
        }
    }
}
