public import LoupeDomain

extension Store {
    /// Records a worker's answer (a first answer or a redo of sent-back work). When the task then
    /// has every result it asked for, its project's review strategy decides: complete, review, or
    /// one more result (see `CompletionPolicy`). `model` scores answers for the aggregate strategy.
    /// `check` sees the live assignment and its task, read in the same transaction once the lease
    /// is known to hold, and throws to refuse the answer (nothing is written then).
    public func submitAnswer(
        assignmentID: String, workerID: String, answer: RawJSON, now: Timestamp, model: (any AnswerModel)? = nil,
        check: (Assignment, WorkTask) throws -> Void = { _, _ in }
    ) async throws -> (Assignment, WorkTask) {
        try await database.write { db in
            var (current, heldTask) = try await Self.activeAssignmentWithTask(assignmentID, workerID, now, db)
            try check(current, heldTask)
            let answered = """
                UPDATE assignments SET status = 'submitted', answer = ?, submitted_at = ?, updated_at = ?
                WHERE id = ?
                """
            let counted = """
                UPDATE tasks SET active_count = active_count - 1, submitted_count = submitted_count + 1, updated_at = ?
                WHERE id = ? RETURNING active_count
                """
            let answerBinds: [SQLValue] = [
                .text(answer.text), .int(now.microseconds), .int(now.microseconds), .text(assignmentID),
            ]
            let countBinds: [SQLValue] = [.int(now.microseconds), .text(current.taskID)]
            let stillActive: Int
            if db.dialect == .postgres {
                // One round trip instead of two while the assignment's row lock is held.
                stillActive =
                    try await db.query(
                        "WITH answered AS (\(answered) RETURNING id) \(counted)", answerBinds + countBinds
                    ).first?.int(0) ?? 0
            } else {
                try await db.execute(answered, answerBinds)
                stillActive = try await db.query(counted, countBinds).first?.int(0) ?? 0
            }
            current.status = .submitted
            current.answer = answer
            current.submittedAt = now
            var unchanged = heldTask
            unchanged.updatedAt = now
            // While other leases are out the task cannot be decided yet: no need to look.
            guard stillActive == 0 else { return (current, unchanged) }
            let task = try await settleIfComplete(
                taskID: current.taskID, now: now, model: model, db, unchanged: unchanged)
            return (current, task)
        }
    }

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

    /// The round's results that count (submitted or approved), oldest first: each as an assignment,
    /// as the answer the completion policy weighs, and whether a reviewer has seen it.
    static func roundResults(taskID: String, round: Int, _ db: any SQLConnection) async throws
        -> [(assignment: Assignment, result: ResultAnswer, reviewed: Bool)]
    {
        try await db.query(
            """
            SELECT \(assignmentColumns), reviewed_by FROM assignments
            WHERE task_id = ? AND round = ? AND status IN ('submitted', 'approved') ORDER BY submitted_at, id
            """, [.text(taskID), .int(Int64(round))]
        ).map { row in
            let assignment = assignment(row)
            let answer = assignment.answer.flatMap { try? JSONParser.parse($0.text) } ?? .null
            let result = ResultAnswer(assignmentID: assignment.id, workerID: assignment.workerID, answer: answer)
            return (assignment, result, row.string(13) != nil)
        }
    }

    static func task(id: String, _ db: any SQLConnection) async throws -> WorkTask {
        guard
            let task = try await db.query("SELECT \(taskColumns) FROM tasks WHERE id = ?", [.text(id)]).first.map(task)
        else { throw DomainError.notFound("task", id) }
        return task
    }

    /// `{"method", "confidence", "agreement", "results": [{"assignment_id", "worker_id", "answer"}]}`.
    static func outcomeText(_ outcome: TaskOutcome, results: [ResultAnswer]) -> String {
        let entries: [JSONValue] = results.map {
            ["assignment_id": .string($0.assignmentID), "worker_id": .string($0.workerID), "answer": $0.answer]
        }
        let object: JSONValue = [
            "method": .string(outcome.method), "confidence": .double(outcome.confidence),
            "agreement": .double(outcome.agreement), "results": .array(entries),
        ]
        return object.serialized()
    }
}
