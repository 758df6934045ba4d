public import LoupeDomain

extension Store {
    /// Per-worker statistics in the organization, optionally for one project and/or one worker,
    /// ordered by worker id.
    public func workerStats(organizationID: String, projectID: String? = nil, workerID: String? = nil) async throws
        -> [WorkerStats]
    {
        try await database.read { db in
            var binds: [SQLValue] = [.text(organizationID)]
            var conditions = ""
            if let projectID {
                conditions += " AND project_id = ?"
                binds.append(.text(projectID))
            }
            if let workerID {
                conditions += " AND worker_id = ?"
                binds.append(.text(workerID))
            }
            let rows = try await db.query(
                """
                SELECT worker_id, status, COUNT(*), SUM(payment), SUM(CASE WHEN agrees IS NOT NULL THEN 1 ELSE 0 END),
                    SUM(CASE WHEN agrees = 1 THEN 1 ELSE 0 END)
                FROM assignments WHERE org_id = ?\(conditions) GROUP BY worker_id, status ORDER BY worker_id
                """, binds)
            var stats: [String: WorkerStats] = [:]
            for row in rows {
                let worker = row.string(0)!
                var entry = stats[worker] ?? WorkerStats(workerID: worker)
                let count = row.int(2) ?? 0
                switch AssignmentStatus(rawValue: row.string(1) ?? "") {
                case .submitted: entry.inReview += count
                case .approved: entry.approved += count
                case .rejected: entry.rejected += count
                case .sentBack: entry.sentBack += count
                case .released, .expired: entry.abandoned += count
                case .active, nil: break
                }
                entry.earnings += row.double(3) ?? 0
                entry.decided += row.int(4) ?? 0
                entry.agreed += row.int(5) ?? 0
                stats[worker] = entry
            }
            for (worker, median) in try await Self.medianWorkTimes(conditions: conditions, binds: binds, db) {
                stats[worker]?.medianSecondsPerTask = median
            }
            return stats.values.sorted { $0.workerID < $1.workerID }
        }
    }

    /// Each worker's median claim-to-submit time over their latest 1,000 results, in one query.
    private static func medianWorkTimes(conditions: String, binds: [SQLValue], _ db: any SQLConnection) async throws
        -> [String: Double]
    {
        let rows = try await db.query(
            """
            SELECT worker_id, seconds FROM (
                SELECT worker_id, submitted_at - created_at AS seconds,
                    ROW_NUMBER() OVER (PARTITION BY worker_id ORDER BY submitted_at DESC) AS recent
                FROM assignments WHERE org_id = ? AND submitted_at IS NOT NULL\(conditions)) latest
            WHERE recent <= 1000
            """, binds)
        var durations: [String: [Double]] = [:]
        for row in rows { durations[row.string(0)!, default: []].append(Double(row.int64(1) ?? 0) / 1_000_000) }
        return durations.mapValues { values in
            let sorted = values.sorted()
            let middle = sorted.count / 2
            return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        }
    }
}

extension Store {
    /// Projects (of every organization) whose review strategy is `aggregate`.
    public func aggregateProjects() async throws -> [Project] {
        try await database.read { db in
            try await db.query(
                "SELECT \(Self.projectColumns) FROM projects WHERE review_strategy = 'aggregate' AND archived = 0", []
            ).map(Self.project)
        }
    }

    /// Every submitted or approved answer of a project: (task id, worker id, answer JSON text).
    public func judgments(projectID: String) async throws -> [(taskID: String, workerID: String, answer: String)] {
        try await database.read { db in
            try await db.query(
                """
                SELECT task_id, worker_id, answer FROM assignments
                WHERE project_id = ? AND status IN ('submitted', 'approved') AND answer IS NOT NULL
                """, [.text(projectID)]
            ).map { ($0.string(0)!, $0.string(1)!, $0.string(2)!) }
        }
    }

    /// How many answers a project has (what `judgments` would return).
    public func judgmentCount(projectID: String) async throws -> Int {
        try await database.read { db in
            try await db.query(
                "SELECT COUNT(*) FROM assignments WHERE project_id = ? AND status IN ('submitted', 'approved')",
                [.text(projectID)]
            ).first?.int(0) ?? 0
        }
    }

    /// The project's stored answer model (JSON text) and the judgment count it was fitted on.
    public func answerModel(projectID: String) async throws -> (model: String, judgments: Int)? {
        try await database.read { db in
            try await db.query(
                "SELECT model, judgments FROM answer_models WHERE project_id = ?", [.text(projectID)]
            ).first.map { ($0.string(0)!, $0.int(1) ?? 0) }
        }
    }

    /// Stores a project's refitted answer model.
    public func saveAnswerModel(projectID: String, model: String, judgments: Int, now: Timestamp) async throws {
        try await database.write { db in
            try await db.execute(
                """
                INSERT INTO answer_models (project_id, model, judgments, fitted_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (project_id) DO UPDATE SET model = excluded.model, judgments = excluded.judgments,
                    fitted_at = excluded.fitted_at
                """, [.text(projectID), .text(model), .int(Int64(judgments)), .int(now.microseconds)])
        }
    }
}
