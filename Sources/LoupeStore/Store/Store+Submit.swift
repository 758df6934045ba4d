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
