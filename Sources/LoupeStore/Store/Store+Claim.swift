public import LoupeDomain

extension Store {
    /// Atomically leases the next task this worker may do. Work sent back to the worker comes
    /// first; then the highest-priority, oldest task of an active project that still needs results
    /// (active + submitted < overlap + extra), that the project's strategy and group let this worker
    /// do, and that the worker has done fewer times than the project's per-worker limit this round.
    /// PostgreSQL picks, counts and leases in one statement that locks the task row with
    /// `SKIP LOCKED`, so concurrent claims on any node pass each other by; SQLite's single writer
    /// serialises claims inside one write transaction.
    public func claimNextTask(_ request: WorkRequest, assignmentID: String, now: Timestamp) async throws
        -> (Assignment, WorkTask)?
    {
        if database.dialect == .postgres {
            // The usual case, a worker with no work sent back, is that one statement on its own.
            let (candidates, binds) = Self.claimCandidates(request, unlessSentBackAt: now, dialect: .postgres)
            if let claimed = try await database.writeOneStatement({ db in
                try await Self.claim(candidates, binds, request, assignmentID: assignmentID, now: now, db)
            }) {
                return claimed
            }
        }
        return try await database.write { db in
            if let sentBack = try await Self.sentBackWork(request, now: now, db) { return sentBack }
            let (candidates, binds) = Self.claimCandidates(request, dialect: db.dialect)
            return try await Self.claim(candidates, binds, request, assignmentID: assignmentID, now: now, db)
        }
    }

    /// The SELECT of the one task to claim (`t.id, p.max_work_time, t.status, fills`, where `fills` is
    /// 1 when this claim takes the task's last free slot), with its binds;
    /// given `unlessSentBackAt`, none while the worker has work sent back to it still due then.
    private static func claimCandidates(
        _ request: WorkRequest, unlessSentBackAt sentBackDue: Timestamp? = nil, dialect: SQLDialect
    ) -> (String, [SQLValue]) {
        let lock = dialect == .postgres ? " FOR UPDATE OF t SKIP LOCKED" : ""
        var binds: [SQLValue] = [.text(request.workerID), .text(request.workerID)]
        let testMode = request.testMode ? 1 : 0
        // SQLite's planner otherwise may sort the whole queue; the partial indexes hold it in claim order.
        let index =
            switch (dialect, request.organizationID, request.testMode, request.projectID) {
            case (.sqlite, nil, true, _): " INDEXED BY tasks_test_queue"
            case (.sqlite, .some, _, .some): " INDEXED BY tasks_project_queue"
            case (.sqlite, .some, _, nil): " INDEXED BY tasks_open_queue"
            default: ""
            }
        var conditions = ""
        if let organizationID = request.organizationID {
            conditions += " AND t.org_id = ?"
            binds.append(.text(organizationID))
        }
        if let projectID = request.projectID {
            conditions += " AND t.project_id = ?"
            binds.append(.text(projectID))
        }
        if request.testMode {
            // Test mode ignores groups and strategies: the synthetic worker does everything.
        } else if request.groups.isEmpty {
            conditions += " AND p.worker_group IS NULL"
        } else {
            conditions += " AND (p.worker_group IS NULL OR p.worker_group IN (\(placeholders(request.groups.count))))"
            binds.append(contentsOf: request.groups.map(SQLValue.text))
        }
        if let sentBackDue {
            let (sentBack, sentBackBinds) = sentBackCondition(request, now: sentBackDue, alias: "s")
            conditions += " AND NOT EXISTS (SELECT 1 FROM assignments s WHERE \(sentBack))"
            binds += sentBackBinds
        }
        let select = """
            SELECT t.id, COALESCE(p.max_work_time, 600) AS max_work_time, t.status,
                CASE WHEN t.active_count + t.submitted_count + 1 >= p.overlap + t.extra_results THEN 1 ELSE 0 END AS fills
            FROM tasks t\(index) JOIN projects p ON p.id = t.project_id
            WHERE t.status IN ('pending', 'in_progress') AND t.slots_full = 0 AND t.test_mode = \(testMode)
                AND p.archived = 0 AND t.attachment_check IS NULL
                AND t.active_count + t.submitted_count < p.overlap + t.extra_results
                AND (p.worker_strategy = 'open' OR t.test_mode = 1 OR EXISTS (
                    SELECT 1 FROM project_workers w WHERE w.project_id = t.project_id AND w.worker_id = ?
                    AND ((t.partition_key >= w.key_lower AND t.partition_key < w.key_upper)
                        OR (t.partition_key >= w.second_lower AND t.partition_key < w.second_upper))))
                AND (SELECT COUNT(*) FROM assignments a
                    WHERE a.task_id = t.id AND a.worker_id = ? AND a.round = t.round) < p.max_results_per_worker\(conditions)
            ORDER BY t.urgency_rank, t.priority DESC, t.id LIMIT 1\(lock)
            """
        return (select, binds)
    }

    /// Leases the task `candidates` picks, in the way of `db`'s dialect.
    private static func claim(
        _ candidates: String, _ binds: [SQLValue], _ request: WorkRequest, assignmentID: String, now: Timestamp,
        _ db: any SQLConnection
    ) async throws -> (Assignment, WorkTask)? {
        if db.dialect == .postgres {
            try await claimInOneStatement(candidates, binds, request, assignmentID: assignmentID, now: now, db)
        } else {
            try await claimInSteps(candidates, binds, request, assignmentID: assignmentID, now: now, db)
        }
    }

    /// PostgreSQL: the candidate is locked, counted and leased by one statement. It leaves
    /// `slots_full` at 0: PostgreSQL keeps a changed row's old index entry until vacuum, so the scan
    /// would pass the task anyway, and changing an indexed column rules out a HOT update (measured:
    /// no gain, slightly slower).
    private static func claimInOneStatement(
        _ candidates: String, _ binds: [SQLValue], _ request: WorkRequest, assignmentID: String, now: Timestamp,
        _ db: any SQLConnection
    ) async throws -> (Assignment, WorkTask)? {
        let micros = SQLValue.int(now.microseconds)
        guard
            let row = try await db.query(
                """
                WITH picked AS (\(candidates)),
                claimed AS (
                    UPDATE tasks t SET active_count = t.active_count + 1, status = 'in_progress', updated_at = ?
                    FROM picked WHERE t.id = picked.id
                    RETURNING \(qualifiedTaskColumns), picked.max_work_time),
                leased AS (
                    INSERT INTO assignments (\(leaseColumns))
                    SELECT ?, org_id, project_id, id, ?, 'active', ? + max_work_time * 1000000, ?, ?, round FROM claimed)
                SELECT * FROM claimed
                """, binds + [micros, .text(assignmentID), .text(request.workerID), micros, micros, micros]
            ).first
        else { return nil }
        let task = task(row)
        let expires = now.adding(seconds: Double(row.int64(taskColumnTotal) ?? 600))
        return (lease(assignmentID, of: task, to: request.workerID, expires: expires, now: now), task)
    }

    /// SQLite: pick, count and lease, one statement each, inside the writer's transaction.
    private static func claimInSteps(
        _ candidates: String, _ binds: [SQLValue], _ request: WorkRequest, assignmentID: String, now: Timestamp,
        _ db: any SQLConnection
    ) async throws -> (Assignment, WorkTask)? {
        guard let row = try await db.query(candidates, binds).first else { return nil }
        let taskID = row.string(0)!
        let expires = now.adding(seconds: Double(row.int64(1) ?? 600))
        // Setting the status and the flag only when they change spares SQLite the indexes that hold them.
        let statusChange = row.string(2) == TaskStatus.inProgress.rawValue ? "" : ", status = 'in_progress'"
        let fullChange = row.int(3) == 1 ? ", \(slotsTaken)" : ""
        guard
            let task = try await db.query(
                """
                UPDATE tasks SET active_count = active_count + 1\(statusChange)\(fullChange), updated_at = ?
                WHERE id = ? RETURNING \(taskColumns)
                """, [.int(now.microseconds), .text(taskID)]
            ).first.map(task)
        else { throw SQLError.failure("task \(taskID) vanished during its claim") }
        try await db.execute(
            """
            INSERT INTO assignments (\(leaseColumns)) VALUES (?, ?, ?, ?, ?, 'active', ?, ?, ?, ?)
            """,
            [
                .text(assignmentID), .text(task.organizationID), .text(task.projectID), .text(taskID),
                .text(request.workerID), .int(expires.microseconds), .int(now.microseconds), .int(now.microseconds),
                .int(Int64(task.round)),
            ])
        return (lease(assignmentID, of: task, to: request.workerID, expires: expires, now: now), task)
    }

    /// The columns a new lease's assignment row is written with.
    private static let leaseColumns = """
        id, org_id, project_id, task_id, worker_id, status, lease_expires_at, created_at, updated_at, round
        """

    private static func lease(
        _ id: String, of task: WorkTask, to workerID: String, expires: Timestamp, now: Timestamp
    ) -> Assignment {
        var assignment = Assignment(
            id: id, organizationID: task.organizationID, projectID: task.projectID, taskID: task.id,
            workerID: workerID, status: .active, leaseExpiresAt: expires, createdAt: now)
        assignment.round = task.round
        return assignment
    }
}
