public import LoupeDomain

extension Store {
    /// The organization's project with this name.
    public func project(named name: String, organizationID: String) async throws -> Project? {
        try await database.read { db in
            guard
                let id = try await db.query(
                    "SELECT id FROM projects WHERE org_id = ? AND name = ?", [.text(organizationID), .text(name)]
                ).first?.string(0)
            else { return nil }
            return try await Self.project(id: id, organizationID: organizationID, db)
        }
    }

    /// The organization's batch whose client id (Scale's batch name) is `name`.
    public func batch(named name: String, organizationID: String) async throws -> Batch? {
        try await database.read { db in
            try await db.query(
                "SELECT \(Self.batchColumns) FROM batches WHERE org_id = ? AND client_batch_id = ? ORDER BY id LIMIT 1",
                [.text(organizationID), .text(name)]
            ).first.map(Self.batch)
        }
    }

    /// A page of the organization's named batches, oldest first, and how many match in all.
    public func namedBatches(
        organizationID: String, testMode: Bool, projectID: String?, statuses: [BatchStatus], offset: Int, limit: Int
    ) async throws -> (batches: [Batch], total: Int) {
        try await database.read { db in
            var conditions = "org_id = ? AND test_mode = ? AND client_batch_id IS NOT NULL"
            var binds: [SQLValue] = [.text(organizationID), .int(testMode ? 1 : 0)]
            if let projectID {
                conditions += " AND project_id = ?"
                binds.append(.text(projectID))
            }
            if !statuses.isEmpty {
                conditions += " AND status IN (" + statuses.map { _ in "?" }.joined(separator: ", ") + ")"
                binds.append(contentsOf: statuses.map { .text($0.rawValue) })
            }
            let total = try await db.query("SELECT COUNT(*) FROM batches WHERE \(conditions)", binds).first?.int(0) ?? 0
            let batches = try await db.query(
                "SELECT \(Self.batchColumns) FROM batches WHERE \(conditions) ORDER BY id LIMIT ? OFFSET ?",
                binds + [.int(Int64(limit)), .int(Int64(offset))]
            ).map(Self.batch)
            return (batches, total)
        }
    }

    /// How many of the batch's tasks are in each status.
    public func taskStatusCounts(batchID: String) async throws -> [TaskStatus: Int] {
        try await database.read { db in
            var counts: [TaskStatus: Int] = [:]
            for row in try await db.query(
                "SELECT status, COUNT(*) FROM tasks WHERE batch_id = ? GROUP BY status", [.text(batchID)])
            {
                if let status = TaskStatus(rawValue: row.string(0) ?? "") { counts[status] = row.int(1) ?? 0 }
            }
            return counts
        }
    }

    /// Replaces a batch's metadata.
    public func setBatchMetadata(id: String, organizationID: String, metadata: RawJSON, now: Timestamp) async throws
        -> Batch?
    {
        try await database.write { db in
            try await db.query(
                "UPDATE batches SET metadata = ?, updated_at = ? WHERE id = ? AND org_id = ? RETURNING \(Self.batchColumns)",
                [.text(metadata.text), .int(now.microseconds), .text(id), .text(organizationID)]
            ).first.map(Self.batch)
        }
    }
}
