public import LoupeDomain

extension Store {
    /// Records a worker's answer. When the task then has all the results its project's overlap
    /// asks for, it is completed with the most common answer (the earliest among equals).
    public func submitAnswer(assignmentID: String, workerID: String, answer: RawJSON, now: Timestamp) async throws
        -> (Assignment, WorkTask)
    {
        try await database.write { db in
            var current = try await Self.activeAssignment(assignmentID, workerID, now, db)
            try await db.execute(
                "UPDATE assignments SET status = 'submitted', answer = ?, submitted_at = ?, updated_at = ? WHERE id = ?",
                [.text(answer.text), .int(now.microseconds), .int(now.microseconds), .text(assignmentID)])
            current.status = .submitted
            current.answer = answer
            current.submittedAt = now
            let counts = try await db.query(
                """
                UPDATE tasks SET active_count = active_count - 1, submitted_count = submitted_count + 1, updated_at = ?
                WHERE id = ? RETURNING submitted_count
                """, [.int(now.microseconds), .text(current.taskID)])
            let submitted = counts.first?.int(0) ?? 0
            let overlap = try await db.query(
                "SELECT overlap FROM projects WHERE id = ?", [.text(current.projectID)]
            ).first?.int(0) ?? 1
            if submitted >= overlap {
                let answers = try await db.query(
                    "SELECT answer FROM assignments WHERE task_id = ? AND status = 'submitted' ORDER BY submitted_at, id",
                    [.text(current.taskID)]
                ).compactMap { $0.string(0) }
                try await db.execute(
                    """
                    UPDATE tasks SET status = 'completed', response = ?, completed_at = ?, updated_at = ?
                    WHERE id = ? AND status IN ('pending', 'in_progress')
                    """,
                    [.text(Self.mostCommon(answers) ?? answer.text), .int(now.microseconds), .int(now.microseconds),
                     .text(current.taskID)])
            }
            guard let task = try await db.query(
                "SELECT \(Self.taskColumns) FROM tasks WHERE id = ?", [.text(current.taskID)]
            ).first.map(Self.task) else { throw DomainError.notFound("task", current.taskID) }
            return (current, task)
        }
    }

    /// The answer given most often; among equally common ones, the one given first.
    static func mostCommon(_ answers: [String]) -> String? {
        var counts: [String: Int] = [:]
        for answer in answers { counts[answer, default: 0] += 1 }
        let top = counts.values.max()
        return answers.first { counts[$0] == top }
    }
}
