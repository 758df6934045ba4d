public import LoupeDomain

extension Store {
    /// Who is asking for work, and which work they want.
    public struct WorkRequest: Sendable {
        /// The worker's organization; nil for any (the synthetic worker serves every organization).
        public var organizationID: String?
        /// The worker (a user id, or a synthetic worker's name in test mode).
        public var workerID: String
        /// The worker's groups, for projects limited to one.
        public var groups: [String]
        /// Only this project's tasks, if set.
        public var projectID: String?
        /// Test-mode tasks (the synthetic worker) instead of live ones.
        public var testMode: Bool

        /// A request.
        public init(
            organizationID: String?, workerID: String, groups: [String] = [], projectID: String? = nil,
            testMode: Bool = false
        ) {
            self.organizationID = organizationID
            self.workerID = workerID
            self.groups = groups
            self.projectID = projectID
            self.testMode = testMode
        }
    }

    /// The worker's oldest result that a reviewer sent back and whose deadline has not passed.
    static func sentBackWork(_ request: WorkRequest, now: Timestamp, _ db: any SQLConnection) async throws
        -> (Assignment, WorkTask)?
    {
        let (condition, binds) = sentBackCondition(request, now: now, alias: "s")
        guard
            let assignment = try await db.query(
                """
                SELECT \(assignmentColumns) FROM assignments s WHERE \(condition)
                ORDER BY s.lease_expires_at, s.id LIMIT 1
                """, binds
            ).first.map(assignment)
        else { return nil }
        guard
            let task = try await db.query(
                "SELECT \(taskColumns) FROM tasks WHERE id = ?", [.text(assignment.taskID)]
            ).first.map(task)
        else { return nil }
        return (assignment, task)
    }

    /// The condition on `alias` (an `assignments` row) and its binds that pick the worker's work
    /// sent back to it and still due at `now` (within the request's project, if it names one).
    static func sentBackCondition(_ request: WorkRequest, now: Timestamp, alias: String) -> (String, [SQLValue]) {
        var condition = "\(alias).worker_id = ? AND \(alias).status = 'sent_back' AND \(alias).lease_expires_at > ?"
        var binds: [SQLValue] = [.text(request.workerID), .int(now.microseconds)]
        if let projectID = request.projectID {
            condition += " AND \(alias).project_id = ?"
            binds.append(.text(projectID))
        }
        return (condition, binds)
    }

    /// The worker's assignment, if it exists.
    public func assignment(id: String, workerID: String) async throws -> Assignment? {
        try await database.read { db in
            try await db.query(
                "SELECT \(Self.assignmentColumns) FROM assignments WHERE id = ? AND worker_id = ?",
                [.text(id), .text(workerID)]
            ).first.map(Self.assignment)
        }
    }

    /// The task the worker's assignment is for, read outside any write: a large answer is checked
    /// against it before the submit's write begins.
    public func assignedTask(assignmentID: String, workerID: String) async throws -> WorkTask? {
        try await database.read { db in
            try await db.query(
                """
                SELECT \(Self.qualifiedTaskColumns) FROM assignments a
                JOIN tasks t ON t.id = a.task_id WHERE a.id = ? AND a.worker_id = ?
                """, [.text(assignmentID), .text(workerID)]
            ).first.map(Self.task)
        }
    }

    /// Whether the worker was ever assigned the task (a lease, live or ended).
    public func workerWasAssigned(taskID: String, workerID: String) async throws -> Bool {
        try await database.read { db in
            try await !db.query(
                "SELECT 1 AS found FROM assignments WHERE task_id = ? AND worker_id = ? LIMIT 1",
                [.text(taskID), .text(workerID)]
            ).isEmpty
        }
    }

    /// Extends an active, unexpired lease by the project's max work time.
    public func heartbeat(assignmentID: String, workerID: String, now: Timestamp) async throws -> Assignment {
        try await database.write { db in
            let current = try await Self.activeAssignment(assignmentID, workerID, now, db)
            // A send-back's deadline was set by the reviewer; heartbeats do not move it.
            guard current.status == .active else { return current }
            let seconds =
                try await db.query(
                    "SELECT max_work_time FROM projects WHERE id = ?", [.text(current.projectID)]
                ).first?.int64(0) ?? 600
            let expires = now.adding(seconds: Double(seconds))
            try await db.execute(
                "UPDATE assignments SET lease_expires_at = ?, updated_at = ? WHERE id = ?",
                [.int(expires.microseconds), .int(now.microseconds), .text(assignmentID)])
            var renewed = current
            renewed.leaseExpiresAt = expires
            return renewed
        }
    }

    /// Gives an active assignment's task back to the queue.
    public func release(assignmentID: String, workerID: String, now: Timestamp) async throws {
        try await database.write { db in
            let current = try await Self.activeAssignment(assignmentID, workerID, now, db)
            try await Self.endLease(current, status: .released, now: now, db)
        }
    }

    /// Returns expired leases' tasks to the queue; returns how many were expired.
    @discardableResult
    public func expireLeases(now: Timestamp) async throws -> Int {
        try await database.write { db in
            let expired = try await db.query(
                """
                UPDATE assignments SET status = 'expired', updated_at = ?
                WHERE status IN ('active', 'sent_back') AND lease_expires_at <= ?
                RETURNING task_id
                """, [.int(now.microseconds), .int(now.microseconds)])
            for row in expired { try await Self.decrementActive(taskID: row.string(0)!, now: now, db) }
            return expired.count
        }
    }

    static let assignmentColumns = """
        id, org_id, project_id, task_id, worker_id, status, lease_expires_at, answer, created_at, submitted_at,
        round, feedback, payment
        """

    static func assignment(_ row: SQLRow) -> Assignment {
        var assignment = Assignment(
            id: row.string(0)!, organizationID: row.string(1)!, projectID: row.string(2)!, taskID: row.string(3)!,
            workerID: row.string(4)!, status: AssignmentStatus(rawValue: row.string(5)!) ?? .expired,
            leaseExpiresAt: Timestamp(microseconds: row.int64(6)!), answer: row.string(7).map(RawJSON.init(unchecked:)),
            createdAt: Timestamp(microseconds: row.int64(8)!), submittedAt: row.int64(9).map(Timestamp.init))
        assignment.round = row.int(10) ?? 0
        assignment.feedback = row.string(11)
        assignment.payment = row.double(12) ?? 0
        return assignment
    }

    /// The assignment if it is the worker's, active and within its lease; an expired lease is
    /// ended on the spot and answered with a 409.
    static func activeAssignment(_ id: String, _ workerID: String, _ now: Timestamp, _ db: any SQLConnection)
        async throws -> Assignment
    {
        let lock = db.dialect == .postgres ? " FOR UPDATE" : ""
        guard
            let current = try await db.query(
                "SELECT \(assignmentColumns) FROM assignments WHERE id = ? AND worker_id = ?\(lock)",
                [.text(id), .text(workerID)]
            ).first.map(assignment)
        else { throw DomainError.notFound("assignment", id) }
        try await requireLease(current, now: now, db)
        return current
    }

    /// `activeAssignment` with its task, read in one statement.
    static func activeAssignmentWithTask(_ id: String, _ workerID: String, _ now: Timestamp, _ db: any SQLConnection)
        async throws -> (Assignment, WorkTask)
    {
        let lock = db.dialect == .postgres ? " FOR UPDATE OF a" : ""
        guard
            let row = try await db.query(
                """
                SELECT \(qualifiedTaskColumns), \(qualifiedAssignmentColumns) FROM assignments a
                JOIN tasks t ON t.id = a.task_id WHERE a.id = ? AND a.worker_id = ?\(lock)
                """, [.text(id), .text(workerID)]
            ).first
        else { throw DomainError.notFound("assignment", id) }
        let current = assignment(SQLRow(Array(row.values[taskColumnTotal...])))
        try await requireLease(current, now: now, db)
        return (current, task(row))
    }

    /// Throws unless `current` is active (or sent back) within its lease; an expired lease is
    /// ended on the spot and answered with a 409.
    private static func requireLease(_ current: Assignment, now: Timestamp, _ db: any SQLConnection) async throws {
        guard current.status.holdsLease else {
            throw DomainError(.invalidState, "assignment \(current.id) is \(current.status.rawValue)")
        }
        guard current.leaseExpiresAt > now else {
            try await endLease(current, status: .expired, now: now, db)
            throw DomainError(
                .invalidState, "the lease of assignment \(current.id) expired at \(current.leaseExpiresAt.iso8601)")
        }
    }

    static func endLease(_ assignment: Assignment, status: AssignmentStatus, now: Timestamp, _ db: any SQLConnection)
        async throws
    {
        try await db.execute(
            "UPDATE assignments SET status = ?, updated_at = ? WHERE id = ?",
            [.text(status.rawValue), .int(now.microseconds), .text(assignment.id)])
        try await decrementActive(taskID: assignment.taskID, now: now, db)
    }

    static func decrementActive(taskID: String, now: Timestamp, _ db: any SQLConnection) async throws {
        try await db.execute(
            """
            UPDATE tasks SET active_count = active_count - 1, \(Self.slotMayBeFree), updated_at = ?,
                status = CASE WHEN status = 'in_progress' AND active_count - 1 + submitted_count = 0 THEN 'pending'
                    ELSE status END
            WHERE id = ?
            """, [.int(now.microseconds), .text(taskID)])
    }
}

extension Store {
    /// The worker's assignments, newest first, optionally only in `statuses`.
    public func assignments(workerID: String, statuses: [AssignmentStatus], limit: Int) async throws -> [Assignment] {
        try await database.read { db in
            var binds: [SQLValue] = [.text(workerID)]
            var statusCondition = ""
            if !statuses.isEmpty {
                statusCondition = " AND status IN (" + Self.placeholders(statuses.count) + ")"
                binds.append(contentsOf: statuses.map { .text($0.rawValue) })
            }
            binds.append(.int(Int64(limit)))
            return try await db.query(
                """
                SELECT \(Self.assignmentColumns) FROM assignments WHERE worker_id = ?\(statusCondition)
                ORDER BY created_at DESC, id DESC LIMIT ?
                """, binds
            ).map(Self.assignment)
        }
    }
}
