import Foundation
public import LoupeDomain

/// Which completed tasks a delivery feed returns, after which position.
public struct DeliveryQuery: Sendable {
    /// The project (its organization is checked by the caller).
    public var projectID: String
    /// Test-mode tasks or live ones.
    public var testMode: Bool
    /// Only tasks completed after this time.
    public var completedAfter: Timestamp?
    /// Only this batch.
    public var batchID: String?
    /// Only batches whose client id equals (or, with `clientBatchContains`, contains) this.
    public var clientBatchID: String?
    /// Match `clientBatchID` as a substring instead of exactly.
    public var clientBatchContains = false
    /// Tasks with a delivery sequence number above this.
    public var afterSequence: Int64 = 0
    /// At most this many tasks.
    public var limit = 100
    /// Tasks skipped before the first returned (page-numbered feeds).
    public var offset = 0
    /// Tasks in these statuses, whether completed or not, in id order (exports of the whole
    /// project); nil for completed tasks in delivery order.
    public var statuses: Set<TaskStatus>?
    /// With `statuses`: tasks whose id sorts after this.
    public var afterTaskID = ""

    /// A query for a project's feed.
    public init(projectID: String, testMode: Bool) {
        self.projectID = projectID
        self.testMode = testMode
    }
}

/// One page of a named consumer's feed.
public struct ConsumerPage: Sendable {
    /// The tasks handed over, in delivery order.
    public var tasks: [WorkTask]
    /// The consumer's position after this page (acknowledge up to it).
    public var position: Int64
}

extension Store {
    /// The project's next delivery sequence number. The counter row stays locked until the
    /// transaction commits, so numbers become visible in the order they were given out and a feed
    /// paging by sequence never skips a late-committing completion.
    static func nextDeliverySequence(projectID: String, _ db: any SQLConnection) async throws -> Int64 {
        try await db.query(deliveryCounterIncrement, [.text(projectID)]).first?.int64(0) ?? 1
    }

    /// Takes the next number of the project (`?`) and returns it as `last_seq`; the counter row
    /// stays locked until the transaction ends, so numbers are taken in commit order.
    static let deliveryCounterIncrement = """
        INSERT INTO delivery_counters (project_id, last_seq) VALUES (?, 1)
        ON CONFLICT (project_id) DO UPDATE SET last_seq = delivery_counters.last_seq + 1 RETURNING last_seq
        """

    /// Completed tasks in delivery order, after `query.afterSequence`.
    public func deliveries(_ query: DeliveryQuery) async throws -> [WorkTask] {
        try await database.read { db in try await Self.deliveries(query, db) }
    }

    static func deliveries(_ query: DeliveryQuery, _ db: any SQLConnection) async throws -> [WorkTask] {
        let (join, conditions, binds) = feedFilter(query)
        return try await db.query(
            """
            SELECT \(qualifiedTaskColumns) FROM tasks t\(join)
            WHERE t.project_id = ? AND t.test_mode = ? AND t.delivery_seq > ?\(conditions)
            ORDER BY t.delivery_seq LIMIT ? OFFSET ?
            """,
            [.text(query.projectID), .int(query.testMode ? 1 : 0), .int(query.afterSequence)] + binds
                + [.int(Int64(query.limit)), .int(Int64(query.offset))]
        ).map(task)
    }

    private static func likeEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }

    /// A page of an export: `deliveries(query)`, or with `query.statuses` the project's tasks in
    /// those statuses in id order after `query.afterTaskID`.
    public func exportPage(_ query: DeliveryQuery) async throws -> [WorkTask] {
        guard query.statuses != nil else { return try await deliveries(query) }
        return try await database.read { db in
            let (join, conditions, filterBinds) = Self.feedFilter(query)
            return try await db.query(
                """
                SELECT \(Self.qualifiedTaskColumns) FROM tasks t\(join)
                WHERE t.project_id = ? AND t.test_mode = ? AND t.id > ?\(conditions)
                ORDER BY t.id LIMIT ?
                """,
                [.text(query.projectID), .int(query.testMode ? 1 : 0), .text(query.afterTaskID)] + filterBinds
                    + [.int(Int64(query.limit))]
            ).map(Self.task)
        }
    }

    /// What a feed or an export selects beyond the project and mode: its statuses (or, without
    /// them, a place in the delivery sequence), completion time, batch and client batch id; the
    /// join, the conditions and their values, over tasks `t` (and batches `b`).
    static func feedFilter(_ query: DeliveryQuery) -> (join: String, conditions: String, binds: [SQLValue]) {
        var join = ""
        var conditions = ""
        var binds: [SQLValue] = []
        if let statuses = query.statuses {
            let names = statuses.map(\.rawValue).sorted()
            conditions += " AND t.status IN (\(names.map { _ in "?" }.joined(separator: ", ")))"
            binds += names.map { .text($0) }
        } else {
            conditions += " AND t.delivery_seq IS NOT NULL"
        }
        if let after = query.completedAfter {
            conditions += " AND t.completed_at > ?"
            binds.append(.int(after.microseconds))
        }
        if let batchID = query.batchID {
            conditions += " AND t.batch_id = ?"
            binds.append(.text(batchID))
        }
        if let clientBatchID = query.clientBatchID {
            join = " JOIN batches b ON b.id = t.batch_id"
            if query.clientBatchContains {
                conditions += " AND b.client_batch_id LIKE ? ESCAPE '\\'"
                binds.append(.text("%" + likeEscaped(clientBatchID) + "%"))
            } else {
                conditions += " AND b.client_batch_id = ?"
                binds.append(.text(clientBatchID))
            }
        }
        return (join, conditions, binds)
    }

    /// What the named consumer has not yet received, in delivery order; its cursor moves past the
    /// page and the page's completed tasks become `delivered`. Consumers are independent; a task
    /// completed again after rework has a new, later place and is handed over again.
    public func consumeDeliveries(_ query: DeliveryQuery, consumer: String, now: Timestamp) async throws -> ConsumerPage
    {
        try await database.write { db in
            try await db.execute(
                """
                INSERT INTO delivery_consumers (project_id, name, position, acked_position, updated_at)
                VALUES (?, ?, 0, 0, ?) ON CONFLICT DO NOTHING
                """, [.text(query.projectID), .text(consumer), .int(now.microseconds)])
            let lock = db.dialect == .postgres ? " FOR UPDATE" : ""
            let position =
                try await db.query(
                    "SELECT position FROM delivery_consumers WHERE project_id = ? AND name = ?\(lock)",
                    [.text(query.projectID), .text(consumer)]
                ).first?.int64(0) ?? 0
            var query = query
            query.afterSequence = position
            var tasks = try await Self.deliveries(query, db)
            guard let last = tasks.last?.deliverySequence else { return ConsumerPage(tasks: [], position: position) }
            try await db.execute(
                "UPDATE delivery_consumers SET position = ?, updated_at = ? WHERE project_id = ? AND name = ?",
                [.int(last), .int(now.microseconds), .text(query.projectID), .text(consumer)])
            try await db.execute(
                """
                UPDATE tasks SET status = CASE WHEN status = 'completed' THEN 'delivered' ELSE status END,
                    delivered_at = CASE WHEN delivered_at IS NULL THEN ? ELSE delivered_at END
                WHERE project_id = ? AND delivery_seq > ? AND delivery_seq <= ? AND test_mode = ?
                """,
                [
                    .int(now.microseconds), .text(query.projectID), .int(position), .int(last),
                    .int(query.testMode ? 1 : 0),
                ])
            for index in tasks.indices where tasks[index].status == .completed {
                tasks[index].status = .delivered
                tasks[index].deliveredAt = tasks[index].deliveredAt ?? now
            }
            return ConsumerPage(tasks: tasks, position: last)
        }
    }

    /// Marks the project's delivered tasks up to `position` acknowledged; with a consumer, the
    /// position must not be beyond what it has received. Returns how many tasks changed.
    public func acknowledgeDeliveries(
        projectID: String, testMode: Bool, position: Int64, consumer: String?, now: Timestamp
    ) async throws -> Int {
        try await database.write { db in
            if let consumer {
                let received = try await db.query(
                    "SELECT position FROM delivery_consumers WHERE project_id = ? AND name = ?",
                    [.text(projectID), .text(consumer)]
                ).first?.int64(0)
                guard let received else { throw DomainError.notFound("consumer", consumer) }
                guard position <= received else {
                    throw DomainError.invalidField(
                        "/position", "is beyond what consumer \(consumer) has received (\(received))")
                }
                try await db.execute(
                    """
                    UPDATE delivery_consumers SET acked_position = CASE WHEN acked_position < ? THEN ? ELSE acked_position END,
                        updated_at = ? WHERE project_id = ? AND name = ?
                    """, [.int(position), .int(position), .int(now.microseconds), .text(projectID), .text(consumer)])
            }
            return try await db.query(
                """
                UPDATE tasks SET status = 'acknowledged', acknowledged_at = ?,
                    delivered_at = CASE WHEN delivered_at IS NULL THEN ? ELSE delivered_at END
                WHERE project_id = ? AND delivery_seq <= ? AND test_mode = ? AND status IN ('completed', 'delivered')
                RETURNING id
                """,
                [
                    .int(now.microseconds), .int(now.microseconds), .text(projectID), .int(position),
                    .int(testMode ? 1 : 0),
                ]
            ).count
        }
    }
}

extension Store {
    /// How many tasks an export of `query` writes (for progress).
    public func deliveryCount(_ query: DeliveryQuery) async throws -> Int {
        try await database.read { db in
            let (join, conditions, binds) = Self.feedFilter(query)
            return try await db.query(
                "SELECT COUNT(*) FROM tasks t\(join) WHERE t.project_id = ? AND t.test_mode = ?\(conditions)",
                [.text(query.projectID), .int(query.testMode ? 1 : 0)] + binds
            ).first?.int(0) ?? 0
        }
    }
}
