public import LoupeDomain

extension Store {
    /// Leases the next task awaiting review that this reviewer may decide: tasks of projects that
    /// list the reviewer (or list none), that the reviewer did not work on this round, and that no
    /// other reviewer holds. Returns the lease, the task and the round's results.
    public func claimReview(
        organizationID: String, reviewerID: String, projectID: String?, reviewID: String, now: Timestamp
    ) async throws -> (Review, WorkTask, [Assignment])? {
        try await database.write { db in
            let lock = db.dialect == .postgres ? " FOR UPDATE OF t SKIP LOCKED" : ""
            let index = db.dialect == .sqlite ? " INDEXED BY tasks_review_queue" : ""
            var binds: [SQLValue] = [
                .text(organizationID), .int(now.microseconds), .text(reviewerID), .text(reviewerID),
            ]
            var projectCondition = ""
            if let projectID {
                projectCondition = " AND t.project_id = ?"
                binds.append(.text(projectID))
            }
            guard
                let row = try await db.query(
                    """
                    SELECT t.id, p.max_work_time FROM tasks t\(index) JOIN projects p ON p.id = t.project_id
                    WHERE t.org_id = ? AND t.status = 'in_review' AND t.test_mode = 0 AND p.archived = 0
                        AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.task_id = t.id AND r.status = 'active'
                            AND r.lease_expires_at > ?)
                        AND (NOT EXISTS (SELECT 1 FROM project_reviewers pr WHERE pr.project_id = t.project_id)
                            OR EXISTS (SELECT 1 FROM project_reviewers pr
                                WHERE pr.project_id = t.project_id AND pr.reviewer_id = ?))
                        AND NOT EXISTS (SELECT 1 FROM assignments a
                            WHERE a.task_id = t.id AND a.round = t.round AND a.worker_id = ?)\(projectCondition)
                    ORDER BY t.urgency_rank, t.priority DESC, t.id LIMIT 1\(lock)
                    """, binds
                ).first
            else { return nil }
            let task = try await Self.task(id: row.string(0)!, db)
            let review = Review(
                id: reviewID, organizationID: organizationID, projectID: task.projectID, taskID: task.id,
                reviewerID: reviewerID, status: .active,
                leaseExpiresAt: now.adding(seconds: Double(row.int64(1) ?? 600)), createdAt: now)
            try await db.execute(
                """
                UPDATE reviews SET status = 'released' WHERE task_id = ? AND status = 'active'
                """, [.text(task.id)])
            try await db.execute(
                """
                INSERT INTO reviews (id, org_id, project_id, task_id, reviewer_id, status, lease_expires_at, created_at)
                VALUES (?, ?, ?, ?, ?, 'active', ?, ?)
                """,
                [
                    .text(review.id), .text(organizationID), .text(task.projectID), .text(task.id), .text(reviewerID),
                    .int(review.leaseExpiresAt.microseconds), .int(now.microseconds),
                ])
            let results = try await Self.roundResults(taskID: task.id, round: task.round, db).map(\.assignment)
            return (review, task, results)
        }
    }

    /// Applies a reviewer's verdicts to the task's pending results (results not named get
    /// `otherwise`), then completes the task with `answer` (or the approved results' majority) once
    /// enough results are approved, waits for sent-back work, or asks for more results.
    public func decideReview(
        reviewID: String, reviewerID: String, verdicts: [String: ReviewVerdict], otherwise: ReviewVerdict = .approve,
        answer: JSONValue?, now: Timestamp
    ) async throws -> WorkTask {
        try await database.write { db in
            let review = try await Self.activeReview(reviewID, reviewerID, now, db)
            let pending = try await db.query(
                "SELECT id FROM assignments WHERE task_id = ? AND status = 'submitted' AND round = (SELECT round FROM tasks WHERE id = ?)",
                [.text(review.taskID), .text(review.taskID)]
            ).compactMap { $0.string(0) }
            if let unknown = verdicts.keys.sorted().first(where: { !pending.contains($0) }) {
                throw DomainError.invalidField("/results", "assignment \(unknown) is not a result awaiting this review")
            }
            let payment = Self.workflow(
                stored: try await db.query("SELECT settings FROM projects WHERE id = ?", [.text(review.projectID)])
                    .first?.string(0)
            ).paymentPerResult
            for assignmentID in pending {
                try await apply(
                    verdicts[assignmentID] ?? otherwise, to: assignmentID, taskID: review.taskID,
                    reviewerID: reviewerID,
                    payment: payment, now: now, db)
            }
            try await db.execute(
                "UPDATE reviews SET status = 'decided', decided_at = ? WHERE id = ?",
                [.int(now.microseconds), .text(reviewID)])
            return try await settleAfterReview(
                taskID: review.taskID, answer: answer, method: "reviewer", payment: payment, now: now, db)
        }
    }

    /// The task a reviewer's review is about, if the review is theirs.
    public func reviewedTaskID(reviewID: String, reviewerID: String) async throws -> String? {
        try await database.read { db in
            try await db.query(
                "SELECT task_id FROM reviews WHERE id = ? AND reviewer_id = ?", [.text(reviewID), .text(reviewerID)]
            ).first?.string(0)
        }
    }

    /// Gives a review lease back so another reviewer can take the task.
    public func releaseReview(reviewID: String, reviewerID: String, now: Timestamp) async throws {
        try await database.write { db in
            _ = try await Self.activeReview(reviewID, reviewerID, now, db)
            try await db.execute("UPDATE reviews SET status = 'released' WHERE id = ?", [.text(reviewID)])
        }
    }

    static func activeReview(_ id: String, _ reviewerID: String, _ now: Timestamp, _ db: any SQLConnection)
        async throws -> Review
    {
        guard
            let row = try await db.query(
                """
                SELECT id, org_id, project_id, task_id, reviewer_id, status, lease_expires_at, created_at FROM reviews
                WHERE id = ? AND reviewer_id = ?
                """, [.text(id), .text(reviewerID)]
            ).first
        else { throw DomainError.notFound("review", id) }
        let review = Review(
            id: row.string(0)!, organizationID: row.string(1)!, projectID: row.string(2)!, taskID: row.string(3)!,
            reviewerID: row.string(4)!, status: Review.Status(rawValue: row.string(5)!) ?? .released,
            leaseExpiresAt: Timestamp(microseconds: row.int64(6)!), createdAt: Timestamp(microseconds: row.int64(7)!))
        guard review.status == .active else {
            throw DomainError(.invalidState, "review \(id) is \(review.status.rawValue)")
        }
        guard review.leaseExpiresAt > now else {
            throw DomainError(.invalidState, "the lease of review \(id) expired at \(review.leaseExpiresAt.iso8601)")
        }
        return review
    }
}
