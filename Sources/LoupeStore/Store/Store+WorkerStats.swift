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
            for worker in stats.keys {
                stats[worker]?.medianSecondsPerTask = try await Self.medianWorkTime(
                    organizationID: organizationID, workerID: worker, projectID: projectID, db)
            }
            return stats.values.sorted { $0.workerID < $1.workerID }
        }
    }

    /// Median claim-to-submit time over the worker's latest 1,000 results.
    private static func medianWorkTime(
        organizationID: String, workerID: String, projectID: String?, _ db: any SQLConnection
    ) async throws -> Double? {
        var binds: [SQLValue] = [.text(organizationID), .text(workerID)]
        var projectCondition = ""
        if let projectID {
            projectCondition = " AND project_id = ?"
            binds.append(.text(projectID))
        }
        let seconds = try await db.query(
            """
            SELECT submitted_at - created_at FROM assignments
            WHERE org_id = ? AND worker_id = ? AND submitted_at IS NOT NULL\(projectCondition)
            ORDER BY submitted_at DESC LIMIT 1000
            """, binds
        ).compactMap { $0.int64(0) }.map { Double($0) / 1_000_000 }.sorted()
        guard !seconds.isEmpty else { return nil }
        let middle = seconds.count / 2
        return seconds.count % 2 == 1 ? seconds[middle] : (seconds[middle - 1] + seconds[middle]) / 2
    }
}
