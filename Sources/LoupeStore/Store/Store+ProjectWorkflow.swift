public import LoupeDomain

extension Store {
    /// Parsed workflow settings (defaults when absent); they were checked when the project was saved.
    static func workflow(_ settings: JSONObject) -> WorkflowSettings {
        (try? WorkflowSettings.parse(settings)) ?? WorkflowSettings()
    }

    /// Workflow settings from a stored `projects.settings` column.
    static func workflow(stored text: String?) -> WorkflowSettings { workflow(StoredJSON.object(text)) }

    /// Copies the settings the work queue filters on into columns and tables SQL can join:
    /// effective overlap, lease length, strategy, group, and the listed workers' partition ranges.
    static func saveWorkflow(of project: Project, _ db: any SQLConnection) async throws {
        let workflow = workflow(project.settings)
        // More results per task: tasks that had all their slots taken have free ones again. Only
        // SQLite's claims set the flag; this reads the project's open tasks, a rare admin action.
        if db.dialect == .sqlite,
            let overlap = try await db.query("SELECT overlap FROM projects WHERE id = ?", [.text(project.id)]).first?
                .int(0),
            workflow.effectiveOverlap > overlap
        {
            try await db.execute(
                """
                UPDATE tasks SET \(Self.slotMayBeFree)
                WHERE project_id = ? AND status IN ('pending', 'in_progress') AND slots_full = 1
                """, [.text(project.id)])
        }
        try await db.execute(
            """
            UPDATE projects SET overlap = ?, max_work_time = ?, max_results_per_worker = ?, worker_strategy = ?,
                worker_group = ?, review_strategy = ? WHERE id = ?
            """,
            [
                .int(Int64(workflow.effectiveOverlap)), .int(Int64(workflow.maxWorkTime)),
                .int(Int64(workflow.maxResultsPerWorker)), .text(workflow.workerStrategy.rawValue),
                workflow.workerGroup.map(SQLValue.text) ?? .null, .text(workflow.reviewStrategy.rawValue),
                .text(project.id),
            ])
        try await db.execute("DELETE FROM project_workers WHERE project_id = ?", [.text(project.id)])
        for ranges in workflow.partition?.ranges ?? [] {
            try await db.execute(
                """
                INSERT INTO project_workers (project_id, worker_id, key_lower, key_upper, second_lower, second_upper)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
                [
                    .text(project.id), .text(ranges.workerID), .int(ranges.lower), .int(ranges.upper),
                    .int(ranges.secondLower), .int(ranges.secondUpper),
                ])
        }
        try await db.execute("DELETE FROM project_reviewers WHERE project_id = ?", [.text(project.id)])
        for reviewer in Set(workflow.reviewerIDs).sorted() {
            try await db.execute(
                "INSERT INTO project_reviewers (project_id, reviewer_id) VALUES (?, ?)",
                [.text(project.id), .text(reviewer)])
        }
    }
}
