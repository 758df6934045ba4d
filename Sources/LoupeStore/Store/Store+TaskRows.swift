public import LoupeDomain

extension Store {
    /// The columns a new task row is written with, in `taskBinds` order.
    static let taskInsertColumns = """
        id, org_id, project_id, batch_id, batch_index, type, data, unique_id, priority, metadata, callback_url, tags,
        status, response, test_mode, created_at, updated_at, completed_at, canceled_at, partition_key, round, outcome,
        origin, attachment_check
        """
    static let taskColumnCount = 24
    /// The columns `task(_:)` reads: those written at insert, then the delivery state.
    static let taskColumns =
        taskInsertColumns
        + ", delivery_seq, callback_succeeded, callback_at, delivered_at, acknowledged_at, customer_review_status"

    static func taskBinds(_ task: WorkTask, into binds: inout [SQLValue]) {
        binds.append(.text(task.id))
        binds.append(.text(task.organizationID))
        binds.append(.text(task.projectID))
        binds.append(task.batchID.map(SQLValue.text) ?? .null)
        binds.append(task.batchIndex.map { .int(Int64($0)) } ?? .null)
        binds.append(.text(task.type))
        binds.append(.text(task.data.text))
        binds.append(task.uniqueID.map(SQLValue.text) ?? .null)
        binds.append(.int(Int64(task.priority)))
        binds.append(.text(task.metadata.text))
        binds.append(task.callbackURL.map(SQLValue.text) ?? .null)
        binds.append(.text(task.tags.isEmpty ? "[]" : StoredJSON.text(task.tags)))
        binds.append(.text(task.status.rawValue))
        binds.append(task.response.map { .text($0.text) } ?? .null)
        binds.append(.int(task.testMode ? 1 : 0))
        binds.append(.int(task.createdAt.microseconds))
        binds.append(.int(task.updatedAt.microseconds))
        binds.append(task.completedAt.map { .int($0.microseconds) } ?? .null)
        binds.append(task.canceledAt.map { .int($0.microseconds) } ?? .null)
        binds.append(.int(WorkerPartition.key(forTaskID: task.id)))
        binds.append(.int(Int64(task.round)))
        binds.append(task.outcome.map { .text($0.text) } ?? .null)
        binds.append(task.dialect == .native ? .null : .text(task.dialect.rawValue))
        binds.append(task.awaitsAttachmentCheck ? .text("pending") : .null)
    }

    static func task(_ row: SQLRow) -> WorkTask {
        var task = WorkTask(
            id: row.string(0)!, organizationID: row.string(1)!, projectID: row.string(2)!, batchID: row.string(3),
            batchIndex: row.int(4), type: row.string(5)!, data: RawJSON(unchecked: row.string(6)!),
            uniqueID: row.string(7), priority: row.int(8) ?? 0, metadata: RawJSON(unchecked: row.string(9) ?? "{}"),
            callbackURL: row.string(10), tags: tags(row.string(11)),
            status: TaskStatus(rawValue: row.string(12)!) ?? .error,
            response: row.string(13).map(RawJSON.init(unchecked:)), testMode: row.bool(14),
            createdAt: Timestamp(microseconds: row.int64(15)!), updatedAt: Timestamp(microseconds: row.int64(16)!),
            completedAt: row.int64(17).map(Timestamp.init), canceledAt: row.int64(18).map(Timestamp.init))
        task.round = row.int(20) ?? 0
        task.outcome = row.string(21).map(RawJSON.init(unchecked:))
        task.dialect = row.string(22).map(DialectID.init(rawValue:)) ?? .native
        task.awaitsAttachmentCheck = row.string(23) != nil
        task.deliverySequence = row.int64(24)
        task.callbackSucceeded = row.int64(25).map { $0 != 0 }
        task.callbackAt = row.int64(26).map(Timestamp.init)
        task.deliveredAt = row.int64(27).map(Timestamp.init)
        task.acknowledgedAt = row.int64(28).map(Timestamp.init)
        task.customerReviewStatus = row.string(29)
        return task
    }

    private static func tags(_ text: String?) -> [String] {
        guard let text, text != "[]" else { return [] }
        return StoredJSON.strings(text)
    }

    /// Inserts tasks with multi-row statements; returns the ids that were inserted (others hit a
    /// unique constraint: their `unique_id` or batch position already exists).
    func insertTasks(_ tasks: [WorkTask], _ db: any SQLConnection) async throws -> Set<String> {
        var inserted = Set<String>()
        var start = 0
        while start < tasks.count {
            let chunk = tasks[start..<min(start + Self.insertChunkSize, tasks.count)]
            var binds: [SQLValue] = []
            binds.reserveCapacity(chunk.count * Self.taskColumnCount)
            for task in chunk { Self.taskBinds(task, into: &binds) }
            let rows = try await db.query(Self.insertStatement(rows: chunk.count), binds)
            for row in rows { inserted.insert(row.string(0)!) }
            start += Self.insertChunkSize
        }
        if let first = tasks.first, !inserted.isEmpty {
            try await recordCreationEvents(tasks.filter { inserted.contains($0.id) }, now: first.createdAt, db)
        }
        let tagged = tasks.filter { !$0.tags.isEmpty && inserted.contains($0.id) }
        for task in tagged {
            for tag in Set(task.tags) {
                try await db.execute(
                    "INSERT INTO task_tags (task_id, org_id, tag) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    [.text(task.id), .text(task.organizationID), .text(tag)])
            }
        }
        return inserted
    }

    /// Rows per INSERT: under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters.
    static let insertChunkSize = 500

    private static func insertStatement(rows: Int) -> String {
        let row = "(" + placeholders(taskColumnCount) + ")"
        return "INSERT INTO tasks (\(taskInsertColumns)) VALUES "
            + Array(repeating: row, count: rows).joined(separator: ", ")
            + " ON CONFLICT DO NOTHING RETURNING id"
    }

    /// The ids of existing tasks holding these unique ids in the organization.
    static func taskIDs(uniqueIDs: [String], organizationID: String, _ db: any SQLConnection) async throws
        -> [String: String]
    {
        guard !uniqueIDs.isEmpty else { return [:] }
        var result: [String: String] = [:]
        for chunk in stride(from: 0, to: uniqueIDs.count, by: 500).map({
            Array(uniqueIDs[$0..<min($0 + 500, uniqueIDs.count)])
        }) {
            let rows = try await db.query(
                "SELECT unique_id, id FROM tasks WHERE org_id = ? AND unique_id IN (\(placeholders(chunk.count)))",
                [.text(organizationID)] + chunk.map(SQLValue.text))
            for row in rows { result[row.string(0)!] = row.string(1)! }
        }
        return result
    }

    static func duplicateUniqueID(_ uniqueID: String, existingID: String?) -> DomainError {
        var extra = JSONObject()
        if let existingID { extra["existing_task_id"] = .string(existingID) }
        return DomainError(
            .conflict, "unique_id \"\(uniqueID)\" is already used by task \(existingID ?? "(unknown)")",
            details: [.init(path: "/unique_id", reason: "is already used by task \(existingID ?? "(unknown)")")],
            extra: extra)
    }
}
