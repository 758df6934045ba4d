public import LoupeDomain

extension Store {
    /// Records one verdict on a submitted result and moves the task's counters to match.
    func apply(
        _ verdict: ReviewVerdict, to assignmentID: String, taskID: String, reviewerID: String, payment: Double,
        now: Timestamp, _ db: any SQLConnection
    ) async throws {
        let stamp = SQLValue.int(now.microseconds)
        switch verdict {
        case .approve:
            try await db.execute(
                """
                UPDATE assignments SET status = 'approved', payment = ?, reviewed_by = ?, reviewed_at = ?, updated_at = ?
                WHERE id = ?
                """, [.double(payment), .text(reviewerID), stamp, stamp, .text(assignmentID)])
        case .reject(let reason):
            try await db.execute(
                """
                UPDATE assignments SET status = 'rejected', feedback = ?, reviewed_by = ?, reviewed_at = ?, updated_at = ?
                WHERE id = ?
                """, [.text(reason), .text(reviewerID), stamp, stamp, .text(assignmentID)])
            try await db.execute(
                """
                UPDATE tasks SET submitted_count = submitted_count - 1, \(Self.slotMayBeFree), updated_at = ? WHERE id = ?
                """, [stamp, .text(taskID)])
        case .sendBack(let reason, let deadline):
            try await db.execute(
                """
                UPDATE assignments SET status = 'sent_back', feedback = ?, lease_expires_at = ?, reviewed_by = ?,
                    reviewed_at = ?, updated_at = ?
                WHERE id = ?
                """, [.text(reason), .int(deadline.microseconds), .text(reviewerID), stamp, stamp, .text(assignmentID)])
            try await db.execute(
                """
                UPDATE tasks SET submitted_count = submitted_count - 1, active_count = active_count + 1, updated_at = ?
                WHERE id = ?
                """, [stamp, .text(taskID)])
        }
    }

    /// After verdicts: complete when enough results are approved and none is being redone;
    /// wait while sent-back work is out; otherwise return the task to the queue for more results.
    func settleAfterReview(
        taskID: String, answer: JSONValue?, method: String, payment: Double, now: Timestamp, _ db: any SQLConnection
    ) async throws -> WorkTask {
        guard
            let row = try await db.query(
                """
                SELECT t.active_count, t.submitted_count, p.overlap + t.extra_results, t.round, t.project_id
                FROM tasks t JOIN projects p ON p.id = t.project_id WHERE t.id = ?
                """, [.text(taskID)]
            ).first
        else { throw DomainError.notFound("task", taskID) }
        let (active, submitted, required, round) = (row.int(0) ?? 0, row.int(1) ?? 0, row.int(2) ?? 1, row.int(3) ?? 0)
        if active == 0 && submitted >= required {
            let rows = try await Self.roundResults(taskID: taskID, round: round, db)
            let results = rows.map(\.result)
            var outcome = CompletionPolicy.majority(results)
            if let answer {
                outcome.answer = answer
                outcome.agreement = Double(results.filter { $0.answer == answer }.count) / Double(max(1, results.count))
                outcome.confidence = 1
            }
            outcome.method = method
            try await complete(
                taskID: taskID, projectID: row.string(4) ?? "", results: results, outcome: outcome, payment: payment,
                now: now, db)
        } else {
            try await db.execute(
                """
                UPDATE tasks SET status = CASE WHEN active_count > 0 THEN 'in_progress' ELSE 'pending' END,
                    \(Self.slotMayBeFree), review_due_at = NULL, updated_at = ?
                WHERE id = ?
                """, [.int(now.microseconds), .text(taskID)])
        }
        return try await Self.task(id: taskID, db)
    }

    /// Approves the results of tasks whose review time ran out with no reviewer holding them;
    /// returns how many tasks were completed. At most `limit` per call.
    /// With `testModeOnly`, test-mode tasks in review are approved at once instead (the synthetic
    /// worker's reviewer).
    @discardableResult
    public func autoApproveDueReviews(now: Timestamp, testModeOnly: Bool = false, limit: Int = 200) async throws -> Int
    {
        try await database.write { db in
            let due = try await db.query(
                """
                SELECT t.id, p.settings FROM tasks t JOIN projects p ON p.id = t.project_id
                WHERE t.review_due_at <= ? AND t.status = 'in_review' AND t.test_mode = ?
                    AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.task_id = t.id AND r.status = 'active'
                        AND r.lease_expires_at > ?)
                ORDER BY t.review_due_at LIMIT ?
                """,
                [
                    .int(testModeOnly ? Int64.max : now.microseconds), .int(testModeOnly ? 1 : 0),
                    .int(now.microseconds),
                    .int(Int64(limit)),
                ])
            for row in due {
                _ = try await settleAfterReview(
                    taskID: row.string(0)!, answer: nil, method: "auto_approved",
                    payment: Self.workflow(stored: row.string(1)).paymentPerResult, now: now, db)
            }
            return due.count
        }
    }

    /// A requester's rejection of a completed task: a new round begins and the task returns to the
    /// queue; the earlier round's results stay in its history with the reason as feedback.
    public func reworkTask(id: String, organizationID: String, reason: String, now: Timestamp) async throws -> WorkTask
    {
        try await database.write { db in
            try await rework(id: id, organizationID: organizationID, reason: reason, now: now, db)
        }
    }

    /// `reworkTask` inside the caller's transaction.
    func rework(id: String, organizationID: String, reason: String, now: Timestamp, _ db: any SQLConnection)
        async throws -> WorkTask
    {
        let lock = db.dialect == .postgres ? " FOR UPDATE" : ""
        guard
            let row = try await db.query(
                "SELECT status, round FROM tasks WHERE id = ? AND org_id = ?\(lock)",
                [.text(id), .text(organizationID)]
            ).first
        else { throw DomainError.notFound("task", id) }
        let status = TaskStatus(rawValue: row.string(0) ?? "") ?? .error
        guard [.completed, .delivered, .acknowledged].contains(status) else {
            throw DomainError(
                .invalidState, "task \(id) is \(status.rawValue); only completed tasks can be sent to rework")
        }
        try await db.execute(
            "UPDATE assignments SET feedback = ? WHERE task_id = ? AND round = ? AND status = 'approved'",
            [.text("rework requested: " + reason), .text(id), .int(row.int64(1) ?? 0)])
        try await db.execute(
            """
            UPDATE tasks SET status = 'pending', round = round + 1, active_count = 0, submitted_count = 0,
                extra_results = 0, \(Self.slotMayBeFree), response = NULL, outcome = NULL, completed_at = NULL, review_due_at = NULL,
                delivery_seq = NULL, callback_succeeded = NULL, callback_at = NULL, updated_at = ?
            WHERE id = ?
            """, [.int(now.microseconds), .text(id)])
        let task = try await Self.task(id: id, db)
        try await recordEvent(.taskReworked, task: task, reason: reason, now: now, db)
        return task
    }

    /// Every result of a task across rounds, oldest first: its history.
    public func results(taskID: String, organizationID: String) async throws -> [Assignment] {
        try await database.read { db in
            try await db.query(
                "SELECT \(Self.assignmentColumns) FROM assignments WHERE task_id = ? AND org_id = ? ORDER BY created_at, id",
                [.text(taskID), .text(organizationID)]
            ).map(Self.assignment)
        }
    }
}
