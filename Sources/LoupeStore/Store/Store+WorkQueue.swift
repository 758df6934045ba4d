public import LoupeDomain

extension Store {
    /// Atomically leases the next task this worker may do: highest priority, then oldest, among
    /// tasks of active projects that still need results (active + submitted < overlap) and that the
    /// worker has never been assigned. PostgreSQL locks the task row with `SKIP LOCKED` and bumps
    /// its counter in the same transaction; SQLite's single writer serialises claims.
    public func claimNextTask(
        organizationID: String, workerID: String, projectID: String?, assignmentID: String, now: Timestamp
    ) async throws -> (Assignment, WorkTask)? {
        try await database.write { db in
            let lock = db.dialect == .postgres ? " FOR UPDATE OF t SKIP LOCKED" : ""
            var binds: [SQLValue] = [.text(organizationID), .text(workerID)]
            var projectCondition = ""
            if let projectID {
                projectCondition = " AND t.project_id = ?"
                binds.append(.text(projectID))
            }
            guard let row = try await db.query(
                """
                SELECT t.id, p.max_work_time FROM tasks t JOIN projects p ON p.id = t.project_id
                WHERE t.org_id = ? AND t.status IN ('pending', 'in_progress') AND t.test_mode = 0 AND p.archived = 0
                    AND t.active_count + t.submitted_count < p.overlap
                    AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.task_id = t.id AND a.worker_id = ?)\(projectCondition)
                ORDER BY t.priority DESC, t.id LIMIT 1\(lock)
                """, binds
            ).first else { return nil }
            let taskID = row.string(0)!
            let expires = now.adding(seconds: Double(row.int64(1) ?? 600))
            guard let task = try await db.query(
                """
                UPDATE tasks SET active_count = active_count + 1, status = 'in_progress', updated_at = ?
                WHERE id = ? RETURNING \(Self.taskColumns)
                """, [.int(now.microseconds), .text(taskID)]
            ).first.map(Self.task) else { return nil }
            let assignment = Assignment(
                id: assignmentID, organizationID: organizationID, projectID: task.projectID, taskID: taskID,
                workerID: workerID, status: .active, leaseExpiresAt: expires, createdAt: now)
            try await db.execute(
                """
                INSERT INTO assignments (id, org_id, project_id, task_id, worker_id, status, lease_expires_at,
                    created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'active', ?, ?, ?)
                """,
                [
                    .text(assignment.id), .text(organizationID), .text(task.projectID), .text(taskID), .text(workerID),
                    .int(expires.microseconds), .int(now.microseconds), .int(now.microseconds),
                ])
            return (assignment, task)
        }
    }

    /// The worker's assignment, if it exists.
    public func assignment(id: String, workerID: String) async throws -> Assignment? {
        try await database.read { db in
            try await db.query(
                "SELECT \(Self.assignmentColumns) FROM assignments WHERE id = ? AND worker_id = ?",
                [.text(id), .text(workerID)]
            ).first.map(Self.assignment)
        }
    }

    /// Extends an active, unexpired lease by the project's max work time.
    public func heartbeat(assignmentID: String, workerID: String, now: Timestamp) async throws -> Assignment {
        try await database.write { db in
            let current = try await Self.activeAssignment(assignmentID, workerID, now, db)
            let seconds = try await db.query(
                "SELECT max_work_time FROM projects WHERE id = ?", [.text(current.projectID)]
            ).first?.int64(0) ?? 600
            let expires = now.adding(seconds: Double(seconds))
            try await db.execute(
                "UPDATE assignments SET lease_expires_at = ?, updated_at = ? WHERE id = ?",
                [.int(expires.microseconds), .int(now.microseconds), .text(assignmentID)])
            var renewed = current
            renewed.leaseExpiresAt = expires
            return renewed
        }
    }

    /// Gives an active assignment's task back to the queue.
    public func release(assignmentID: String, workerID: String, now: Timestamp) async throws {
        try await database.write { db in
            let current = try await Self.activeAssignment(assignmentID, workerID, now, db)
            try await Self.endLease(current, status: .released, now: now, db)
        }
    }

    /// Returns expired leases' tasks to the queue; returns how many were expired.
    @discardableResult
    public func expireLeases(now: Timestamp) async throws -> Int {
        try await database.write { db in
            let expired = try await db.query(
                """
                UPDATE assignments SET status = 'expired', updated_at = ? WHERE status = 'active' AND lease_expires_at <= ?
                RETURNING task_id
                """, [.int(now.microseconds), .int(now.microseconds)])
            for row in expired { try await Self.decrementActive(taskID: row.string(0)!, now: now, db) }
            return expired.count
        }
    }

    static let assignmentColumns = """
        id, org_id, project_id, task_id, worker_id, status, lease_expires_at, answer, created_at, submitted_at
        """

    static func assignment(_ row: SQLRow) -> Assignment {
        Assignment(
            id: row.string(0)!, organizationID: row.string(1)!, projectID: row.string(2)!, taskID: row.string(3)!,
            workerID: row.string(4)!, status: AssignmentStatus(rawValue: row.string(5)!) ?? .expired,
            leaseExpiresAt: Timestamp(microseconds: row.int64(6)!), answer: row.string(7).map(RawJSON.init(unchecked:)),
            createdAt: Timestamp(microseconds: row.int64(8)!), submittedAt: row.int64(9).map(Timestamp.init))
    }

    /// The assignment if it is the worker's, active and within its lease; an expired lease is
    /// ended on the spot and answered with a 409.
    static func activeAssignment(_ id: String, _ workerID: String, _ now: Timestamp, _ db: any SQLConnection)
        async throws -> Assignment
    {
        let lock = db.dialect == .postgres ? " FOR UPDATE" : ""
        guard let current = try await db.query(
            "SELECT \(assignmentColumns) FROM assignments WHERE id = ? AND worker_id = ?\(lock)",
            [.text(id), .text(workerID)]
        ).first.map(assignment) else { throw DomainError.notFound("assignment", id) }
        guard current.status == .active else {
            throw DomainError(.invalidState, "assignment \(id) is \(current.status.rawValue)")
        }
        guard current.leaseExpiresAt > now else {
            try await endLease(current, status: .expired, now: now, db)
            throw DomainError(.invalidState, "the lease of assignment \(id) expired at \(current.leaseExpiresAt.iso8601)")
        }
        return current
    }

    static func endLease(_ assignment: Assignment, status: AssignmentStatus, now: Timestamp, _ db: any SQLConnection)
        async throws
    {
        try await db.execute(
            "UPDATE assignments SET status = ?, updated_at = ? WHERE id = ?",
            [.text(status.rawValue), .int(now.microseconds), .text(assignment.id)])
        try await decrementActive(taskID: assignment.taskID, now: now, db)
    }

    static func decrementActive(taskID: String, now: Timestamp, _ db: any SQLConnection) async throws {
        try await db.execute(
            """
            UPDATE tasks SET active_count = active_count - 1, updated_at = ?,
                status = CASE WHEN status = 'in_progress' AND active_count - 1 + submitted_count = 0 THEN 'pending'
                    ELSE status END
            WHERE id = ?
            """, [.int(now.microseconds), .text(taskID)])
    }
}
