public import LoupeDomain

extension Store {
    /// One column of the tasks table: its name and, for the columns a new row is written with,
    /// the value a task gives it.
    struct TaskColumn: Sendable {
        let name: String
        let insert: (@Sendable (WorkTask) -> SQLValue)?

        init(_ name: String, _ insert: (@Sendable (WorkTask) -> SQLValue)? = nil) {
            self.name = name
            self.insert = insert
        }
    }

    /// The one mapping between tasks and their rows: adding a column is one entry here and one
    /// line in `task(_:)`.
    static let taskTable: [TaskColumn] = [
        TaskColumn("id") { .text($0.id) },
        TaskColumn("org_id") { .text($0.organizationID) },
        TaskColumn("project_id") { .text($0.projectID) },
        TaskColumn("batch_id") { $0.batchID.map(SQLValue.text) ?? .null },
        TaskColumn("batch_index") { $0.batchIndex.map { .int(Int64($0)) } ?? .null },
        TaskColumn("type") { .text($0.type) },
        TaskColumn("data") { .text($0.data.text) },
        TaskColumn("unique_id") { $0.uniqueID.map(SQLValue.text) ?? .null },
        TaskColumn("priority") { .int(Int64($0.priority)) },
        TaskColumn("urgency_rank") { .int(Int64($0.urgency.queueRank)) },
        TaskColumn("metadata") { .text($0.metadata.text) },
        TaskColumn("callback_url") { $0.callbackURL.map(SQLValue.text) ?? .null },
        TaskColumn("tags") { .text($0.tags.isEmpty ? "[]" : StoredJSON.text($0.tags)) },
        TaskColumn("status") { .text($0.status.rawValue) },
        TaskColumn("response") { $0.response.map { .text($0.text) } ?? .null },
        TaskColumn("test_mode") { .int($0.testMode ? 1 : 0) },
        TaskColumn("created_at") { .int($0.createdAt.microseconds) },
        TaskColumn("updated_at") { .int($0.updatedAt.microseconds) },
        TaskColumn("completed_at") { $0.completedAt.map { .int($0.microseconds) } ?? .null },
        TaskColumn("canceled_at") { $0.canceledAt.map { .int($0.microseconds) } ?? .null },
        TaskColumn("partition_key") { .int(WorkerPartition.key(forTaskID: $0.id)) },
        TaskColumn("round") { .int(Int64($0.round)) },
        TaskColumn("outcome") { $0.outcome.map { .text($0.text) } ?? .null },
        TaskColumn("origin") { $0.dialect == .native ? .null : .text($0.dialect.rawValue) },
        TaskColumn("attachment_check") { $0.awaitsAttachmentCheck ? .text("pending") : .null },
        TaskColumn("prefill") { $0.prefill.map { .text($0.text) } ?? .null },
        // Delivery state: never set at insert.
        TaskColumn("delivery_seq"), TaskColumn("callback_succeeded"), TaskColumn("callback_at"),
        TaskColumn("delivered_at"), TaskColumn("acknowledged_at"), TaskColumn("customer_review_status"),
    ]

    private static let insertedTaskColumns = taskTable.filter { $0.insert != nil }
    /// The columns a new task row is written with, in `taskBinds` order.
    static let taskInsertColumns = insertedTaskColumns.map(\.name).joined(separator: ", ")
    static let taskColumnCount = insertedTaskColumns.count
    /// Every column `task(_:)` reads.
    static let taskSelection = SQLColumns(taskTable.map(\.name))
    /// `taskSelection` for a SELECT or RETURNING clause.
    static let taskColumns = taskSelection.list

    static func taskBinds(_ task: WorkTask, into binds: inout [SQLValue]) {
        for column in insertedTaskColumns {
            if let insert = column.insert { binds.append(insert(task)) }
        }
    }

    /// A task from a row whose first columns are `taskColumns`.
    static func task(_ row: SQLRow) -> WorkTask {
        let column = taskSelection.reader(row)
        var task = WorkTask(
            id: column.string("id")!, organizationID: column.string("org_id")!,
            projectID: column.string("project_id")!, batchID: column.string("batch_id"),
            batchIndex: column.int("batch_index"), type: column.string("type")!,
            data: RawJSON(unchecked: column.string("data")!), uniqueID: column.string("unique_id"),
            priority: column.int("priority") ?? 0, metadata: RawJSON(unchecked: column.string("metadata") ?? "{}"),
            callbackURL: column.string("callback_url"), tags: tags(column.string("tags")),
            status: TaskStatus(rawValue: column.string("status")!) ?? .error,
            response: column.string("response").map(RawJSON.init(unchecked:)), testMode: column.bool("test_mode"),
            createdAt: Timestamp(microseconds: column.int64("created_at")!),
            updatedAt: Timestamp(microseconds: column.int64("updated_at")!),
            completedAt: column.int64("completed_at").map(Timestamp.init),
            canceledAt: column.int64("canceled_at").map(Timestamp.init))
        task.urgency = TaskUrgency(queueRank: column.int("urgency_rank") ?? TaskUrgency.standard.queueRank)
        task.round = column.int("round") ?? 0
        task.outcome = column.string("outcome").map(RawJSON.init(unchecked:))
        task.dialect = column.string("origin").map(DialectID.init(rawValue:)) ?? .native
        task.awaitsAttachmentCheck = column.string("attachment_check") != nil
        task.prefill = column.string("prefill").map(RawJSON.init(unchecked:))
        task.deliverySequence = column.int64("delivery_seq")
        task.callbackSucceeded = column.int64("callback_succeeded").map { $0 != 0 }
        task.callbackAt = column.int64("callback_at").map(Timestamp.init)
        task.deliveredAt = column.int64("delivered_at").map(Timestamp.init)
        task.acknowledgedAt = column.int64("acknowledged_at").map(Timestamp.init)
        task.customerReviewStatus = column.string("customer_review_status")
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
