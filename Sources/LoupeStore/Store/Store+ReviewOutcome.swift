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
