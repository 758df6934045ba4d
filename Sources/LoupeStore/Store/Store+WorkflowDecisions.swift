public import LoupeDomain

/// The workflow's decisions, in one place: when a task has every result it asked for, what
/// happens (complete, review, one more result; `CompletionPolicy` decides), how it completes
/// (approvals, pay, delivery sequence, completion event), how it settles after a review, and how
/// a rework round starts. Submits, reviews and audits call these inside their transactions.
extension Store {
    /// Decides a task whose results are all in (none active, enough submitted or approved) and
    /// applies the decision; otherwise leaves it as it is. Returns the decided task, or
    /// `unchanged` (the task as the caller already has it) when nothing was decided.
    func settleIfComplete(
        taskID: String, now: Timestamp, model: (any AnswerModel)?, _ db: any SQLConnection, unchanged: WorkTask
    ) async throws -> WorkTask {
        guard
            let row = try await db.query(
                """
                SELECT t.active_count, t.submitted_count, p.overlap + t.extra_results, t.extra_results, t.round, p.settings,
                    t.status FROM tasks t JOIN projects p ON p.id = t.project_id WHERE t.id = ?
                """, [.text(taskID)]
            ).first
        else { throw DomainError.notFound("task", taskID) }
        let (active, submitted, required, extra) = (row.int(0) ?? 0, row.int(1) ?? 0, row.int(2) ?? 1, row.int(3) ?? 0)
        let round = row.int(4) ?? 0
        let status = TaskStatus(rawValue: row.string(6) ?? "") ?? .error
        guard active == 0, submitted >= required, status == .pending || status == .inProgress else {
            return unchanged
        }
        let settings = Self.workflow(stored: row.string(5))
        let rows = try await Self.roundResults(taskID: taskID, round: round, db)
        let results = rows.map(\.result)
        let alreadyReviewed = rows.contains { $0.reviewed }
        let decision: CompletionDecision =
            alreadyReviewed
            ? .review(CompletionPolicy.majority(results))
            : CompletionPolicy(settings: settings).decide(
                taskID: taskID, results: results, extraResults: extra, model: model)
        let decided: WorkTask?
        switch decision {
        case .complete(let outcome):
            return try await complete(
                taskID: taskID, projectID: unchanged.projectID, results: results, outcome: outcome,
                payment: settings.paymentPerResult, callback: settings.callback, now: now, db)
        case .review(let outcome):
            decided = try await db.query(
                """
                UPDATE tasks SET status = 'in_review', review_due_at = ?, outcome = ?, updated_at = ? WHERE id = ?
                RETURNING \(Self.taskColumns)
                """,
                [
                    .int(now.adding(seconds: Double(settings.maxReviewTime)).microseconds),
                    .text(Self.outcomeText(outcome, results: results)), .int(now.microseconds), .text(taskID),
                ]
            ).first.map(Self.task)
        case .oneMoreResult:
            decided = try await db.query(
                """
                UPDATE tasks SET extra_results = extra_results + 1, status = 'pending', \(Self.slotMayBeFree), updated_at = ?
                WHERE id = ?
                RETURNING \(Self.taskColumns)
                """, [.int(now.microseconds), .text(taskID)]
            ).first.map(Self.task)
        }
        guard let decided else { throw DomainError.notFound("task", taskID) }
        return decided
    }

    /// Approves the round's `results`, pays those not yet paid, records who agreed, and completes the
    /// task: it takes the next place in its project's delivery sequence and its completion event is
    /// written (`callback`: the project's callback settings when the caller has them already).
    /// Returns the completed task.
    @discardableResult
    func complete(
        taskID: String, projectID: String, results: [ResultAnswer], outcome: TaskOutcome, payment: Double,
        callback: CallbackSettings? = nil, now: Timestamp, _ db: any SQLConnection
    ) async throws -> WorkTask {
        if !results.isEmpty {
            let agreeing = results.filter { $0.answer == outcome.answer }.map { SQLValue.text($0.assignmentID) }
            try await db.execute(
                """
                UPDATE assignments SET status = 'approved',
                    agrees = CASE WHEN id IN (\(agreeing.isEmpty ? "NULL" : Self.placeholders(agreeing.count))) THEN 1 ELSE 0 END,
                    payment = CASE WHEN status = 'submitted' THEN ? ELSE payment END, updated_at = ?
                WHERE id IN (\(Self.placeholders(results.count)))
                """,
                agreeing + [.double(payment), .int(now.microseconds)] + results.map { .text($0.assignmentID) })
        }
        let completion = """
            status = 'completed', response = ?, outcome = ?, completed_at = ?, updated_at = ?,
                review_due_at = NULL, callback_succeeded = NULL, callback_at = NULL
            """
        let values: [SQLValue] = [
            .text(outcome.answer.serialized()), .text(Self.outcomeText(outcome, results: results)),
            .int(now.microseconds), .int(now.microseconds),
        ]
        let completed: SQLRow?
        if db.dialect == .postgres {
            // The project's counter row stays locked until COMMIT and every completion of the project
            // waits for it: the number is taken by the statement that completes the task, the last one
            // before the event, so the lock is held for as few round trips as possible.
            completed = try await db.query(
                """
                WITH counter AS (\(Self.deliveryCounterIncrement))
                UPDATE tasks SET \(completion), delivery_seq = (SELECT last_seq FROM counter)
                WHERE id = ? RETURNING \(Self.taskColumns)
                """, [.text(projectID)] + values + [.text(taskID)]
            ).first
        } else {
            let sequence = try await Self.nextDeliverySequence(projectID: projectID, db)
            completed = try await db.query(
                "UPDATE tasks SET \(completion), delivery_seq = ? WHERE id = ? RETURNING \(Self.taskColumns)",
                values + [.int(sequence), .text(taskID)]
            ).first
        }
        guard let task = completed.map(Self.task) else { throw DomainError.notFound("task", taskID) }
        try await recordEvent(.taskCompleted, task: task, settings: callback, now: now, db)
        return task
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
}
