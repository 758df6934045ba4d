import Foundation
public import LoupeDomain

/// Which tasks a list returns. Every condition is optional; the organization is not.
public struct TaskFilter: Sendable, Equatable {
    /// Owning organization (always applied).
    public var organizationID: String
    /// Only this project.
    public var projectID: String?
    /// Only this batch.
    public var batchID: String?
    /// Only these statuses.
    public var statuses: [TaskStatus] = []
    /// Created at or after.
    public var createdAfter: Timestamp?
    /// Created before.
    public var createdBefore: Timestamp?
    /// Updated at or after.
    public var updatedAfter: Timestamp?
    /// Completed at or after.
    public var completedAfter: Timestamp?
    /// Exactly this unique id.
    public var uniqueID: String?
    /// Carrying this tag.
    public var tag: String?
    /// Holding one of these unique ids.
    public var uniqueIDs: [String] = []
    /// Carrying every one of these tags.
    public var tags: [String] = []
    /// Of this task type.
    public var type: String?
    /// Completed before.
    public var completedBefore: Timestamp?
    /// Updated before.
    public var updatedBefore: Timestamp?
    /// With one of these audit verdicts (`accepted`, `rejected`, …).
    public var reviewStatuses: [String] = []
    /// Only test-mode tasks (true) or only live ones (false); nil for both.
    public var testMode: Bool?
    /// Newest first (ids descending; a page continues before its cursor) instead of oldest first.
    public var newestFirst = false

    /// A filter for the organization's tasks.
    public init(organizationID: String) { self.organizationID = organizationID }
}

/// An `Idempotency-Key` with what the request was, and how to render the response to keep for it.
public struct IdempotencyRecord: Sendable {
    /// The client's key.
    public var key: String
    /// The method, path and body hash: the same key with another request is refused.
    public var fingerprint: String
    /// The response to replay, rendered from the batch as stored.
    public var render: @Sendable (Batch) -> (status: Int, body: String)

    /// A record for `key`.
    public init(key: String, fingerprint: String, render: @escaping @Sendable (Batch) -> (status: Int, body: String)) {
        self.key = key
        self.fingerprint = fingerprint
        self.render = render
    }
}

extension Store {
    /// The response kept for `record`'s key, if one was.
    static func replay(_ record: IdempotencyRecord?, organizationID: String, _ db: any SQLConnection) async throws
        -> IdempotentResponse?
    {
        guard let record else { return nil }
        return try await idempotentResponse(organizationID, record.key, db)
    }

    /// Keeps the response for `record`'s key, in the transaction that made `batch`.
    static func remember(
        _ record: IdempotencyRecord?, for batch: Batch, organizationID: String, _ db: any SQLConnection
    )
        async throws
    {
        guard let record else { return }
        let (status, body) = record.render(batch)
        let kept = try await db.query(
            """
            INSERT INTO idempotency_keys (org_id, key, fingerprint, status, body, created_at) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING RETURNING key
            """,
            [
                .text(organizationID), .text(record.key), .text(record.fingerprint), .int(Int64(status)), .text(body),
                .int(batch.createdAt.microseconds),
            ])
        // A concurrent request with the key committed first (PostgreSQL runs both at once): undo
        // this one and answer with that one's response.
        if kept.isEmpty { throw IdempotencyRace() }
    }

    /// Runs `write`; when it lost an idempotency race, answers with the winner's kept response.
    func resolvingIdempotencyRace<T: Sendable>(
        _ record: IdempotencyRecord?, organizationID: String, fallback: @Sendable (IdempotentResponse) -> T,
        _ write: @Sendable () async throws -> T
    ) async throws -> T {
        do {
            return try await write()
        } catch is IdempotencyRace {
            guard let record, let kept = try await idempotentResponse(organizationID: organizationID, key: record.key)
            else { throw DomainError(.conflict, "a concurrent request with this Idempotency-Key failed; retry") }
            return fallback(kept)
        }
    }
}

/// Another request with the same `Idempotency-Key` committed first.
struct IdempotencyRace: Error {}

/// A stored response replayed for a repeated `Idempotency-Key`.
public struct IdempotentResponse: Sendable, Equatable {
    /// What the request was (method, path and body hash); a different request with the same key is refused.
    public var fingerprint: String
    /// HTTP status of the first response.
    public var status: Int
    /// Body of the first response.
    public var body: String

    /// A stored response.
    public init(fingerprint: String, status: Int, body: String) {
        self.fingerprint = fingerprint
        self.status = status
        self.body = body
    }
}

extension Store {
    /// Creates one task. A taken `unique_id` throws `conflict` naming the existing task.
    /// With an idempotency key, the rendered response is stored in the same transaction.
    public func createTask(
        _ task: WorkTask, idempotencyKey: String? = nil, fingerprint: String = "",
        render: @Sendable (WorkTask) -> (status: Int, body: String) = { _ in (201, "") }
    ) async throws -> IdempotentResponse {
        try await database.write { db in
            if let idempotencyKey,
                let earlier = try await Self.idempotentResponse(task.organizationID, idempotencyKey, db)
            {
                return earlier
            }
            let inserted = try await insertTasks([task], db)
            if inserted.isEmpty, let uniqueID = task.uniqueID {
                let existing = try await Self.taskIDs(uniqueIDs: [uniqueID], organizationID: task.organizationID, db)
                throw Self.duplicateUniqueID(uniqueID, existingID: existing[uniqueID])
            }
            let (status, body) = render(task)
            let response = IdempotentResponse(fingerprint: fingerprint, status: status, body: body)
            if let idempotencyKey {
                try await db.execute(
                    """
                    INSERT INTO idempotency_keys (org_id, key, fingerprint, status, body, created_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                    [
                        .text(task.organizationID), .text(idempotencyKey), .text(fingerprint), .int(Int64(status)),
                        .text(body), .int(task.createdAt.microseconds),
                    ])
            }
            return response
        }
    }

    /// The response stored for an idempotency key, if any.
    public func idempotentResponse(organizationID: String, key: String) async throws -> IdempotentResponse? {
        try await database.read { db in try await Self.idempotentResponse(organizationID, key, db) }
    }

    static func idempotentResponse(_ organizationID: String, _ key: String, _ db: any SQLConnection) async throws
        -> IdempotentResponse?
    {
        try await db.query(
            "SELECT fingerprint, status, body FROM idempotency_keys WHERE org_id = ? AND key = ?",
            [.text(organizationID), .text(key)]
        ).first.map { IdempotentResponse(fingerprint: $0.string(0)!, status: $0.int(1)!, body: $0.string(2)!) }
    }

    /// The task, if it exists in the organization.
    public func task(id: String, organizationID: String) async throws -> WorkTask? {
        try await database.read { db in
            try await db.query(
                "SELECT \(Self.taskColumns) FROM tasks WHERE id = ? AND org_id = ?", [.text(id), .text(organizationID)]
            ).first.map(Self.task)
        }
    }

    /// Tasks matching `filter` in id (creation) order after `afterID` (newest first: before it),
    /// skipping `offset`, at most `limit`; with the number of all matches when `countTotal` is set.
    /// One read snapshot serves both.
    public func tasks(matching filter: TaskFilter, afterID: String?, offset: Int = 0, limit: Int, countTotal: Bool)
        async throws -> (tasks: [WorkTask], total: Int?)
    {
        let (conditions, binds) = Self.conditions(filter)
        return try await database.read { db in
            var pageBinds = binds
            var pageConditions = conditions
            if let afterID {
                pageConditions.append(filter.newestFirst ? "t.id < ?" : "t.id > ?")
                pageBinds.append(.text(afterID))
            }
            pageBinds.append(.int(Int64(limit)))
            pageBinds.append(.int(Int64(offset)))
            let rows = try await db.query(
                """
                SELECT \(Self.qualifiedTaskColumns) FROM tasks t WHERE \(pageConditions.joined(separator: " AND "))
                ORDER BY t.id\(filter.newestFirst ? " DESC" : "") LIMIT ? OFFSET ?
                """, pageBinds)
            var total: Int?
            if countTotal {
                total = try await db.query(
                    "SELECT COUNT(*) FROM tasks t WHERE \(conditions.joined(separator: " AND "))", binds
                ).first?.int(0)
            }
            return (rows.map(Self.task), total)
        }
    }

    static let qualifiedTaskColumns = taskSelection.qualified(by: "t")
    static let qualifiedAssignmentColumns = qualified(assignmentColumns, by: "a")
    static let taskColumnTotal = taskSelection.count

    /// `a, b` as `t.a, t.b`.
    private static func qualified(_ columns: String, by alias: String) -> String {
        columns.split(separator: ",").map { alias + "." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .joined(separator: ", ")
    }

    private static func conditions(_ filter: TaskFilter) -> ([String], [SQLValue]) {
        var conditions = ["t.org_id = ?"]
        var binds: [SQLValue] = [.text(filter.organizationID)]
        func add(_ condition: String, _ value: SQLValue) {
            conditions.append(condition)
            binds.append(value)
        }
        if let projectID = filter.projectID { add("t.project_id = ?", .text(projectID)) }
        if let testMode = filter.testMode { add("t.test_mode = ?", .int(testMode ? 1 : 0)) }
        if let batchID = filter.batchID { add("t.batch_id = ?", .text(batchID)) }
        if !filter.statuses.isEmpty {
            conditions.append("t.status IN (" + filter.statuses.map { _ in "?" }.joined(separator: ", ") + ")")
            binds.append(contentsOf: filter.statuses.map { .text($0.rawValue) })
        }
        if let time = filter.createdAfter { add("t.created_at >= ?", .int(time.microseconds)) }
        if let time = filter.createdBefore { add("t.created_at < ?", .int(time.microseconds)) }
        if let time = filter.updatedAfter { add("t.updated_at >= ?", .int(time.microseconds)) }
        if let time = filter.completedAfter { add("t.completed_at >= ?", .int(time.microseconds)) }
        if let uniqueID = filter.uniqueID { add("t.unique_id = ?", .text(uniqueID)) }
        if let type = filter.type { add("t.type = ?", .text(type)) }
        if let time = filter.completedBefore { add("t.completed_at < ?", .int(time.microseconds)) }
        if let time = filter.updatedBefore { add("t.updated_at < ?", .int(time.microseconds)) }
        if !filter.uniqueIDs.isEmpty {
            conditions.append("t.unique_id IN (" + filter.uniqueIDs.map { _ in "?" }.joined(separator: ", ") + ")")
            binds.append(contentsOf: filter.uniqueIDs.map(SQLValue.text))
        }
        if !filter.reviewStatuses.isEmpty {
            conditions.append(
                "t.customer_review_status IN (" + filter.reviewStatuses.map { _ in "?" }.joined(separator: ", ") + ")")
            binds.append(contentsOf: filter.reviewStatuses.map(SQLValue.text))
        }
        for tag in filter.tags {
            conditions.append(
                "EXISTS (SELECT 1 FROM task_tags g WHERE g.task_id = t.id AND g.org_id = ? AND g.tag = ?)")
            binds.append(contentsOf: [.text(filter.organizationID), .text(tag)])
        }
        if let tag = filter.tag {
            conditions.append(
                "EXISTS (SELECT 1 FROM task_tags g WHERE g.task_id = t.id AND g.org_id = ? AND g.tag = ?)")
            binds.append(contentsOf: [.text(filter.organizationID), .text(tag)])
        }
        return (conditions, binds)
    }
}

extension Store {
    /// How many tasks and batches the instance holds in each status (for `/metrics`).
    public func statusCounts() async throws -> (tasks: [String: Int], batches: [String: Int]) {
        try await database.read { db in
            var tasks: [String: Int] = [:]
            for row in try await db.query("SELECT status, COUNT(*) FROM tasks GROUP BY status", []) {
                tasks[row.string(0) ?? ""] = row.int(1) ?? 0
            }
            var batches: [String: Int] = [:]
            for row in try await db.query("SELECT status, COUNT(*) FROM batches GROUP BY status", []) {
                batches[row.string(0) ?? ""] = row.int(1) ?? 0
            }
            return (tasks, batches)
        }
    }
}

extension Store {
    /// Throws unless the database answers a query (for readiness checks).
    public func ping() async throws {
        _ = try await database.read { db in try await db.query("SELECT 1 AS ok", []) }
    }
}
