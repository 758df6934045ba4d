public import LoupeDomain

/// How one delivery attempt ended, as the dispatcher reports it to the store.
public struct DeliveryOutcome: Sendable {
    /// The event as it was claimed.
    public var event: OutboxEvent
    /// The attempt, for the delivery log.
    public var attempt: DeliveryAttempt
    /// Delivered, retry, or give up.
    public var verdict: DeliveryVerdict
    /// When to try again (for `.retry` with attempts left).
    public var retryAt: Timestamp

    /// An outcome.
    public init(event: OutboxEvent, attempt: DeliveryAttempt, verdict: DeliveryVerdict, retryAt: Timestamp) {
        self.event = event
        self.attempt = attempt
        self.verdict = verdict
        self.retryAt = retryAt
    }
}

extension Store {
    /// Leases up to `limit` due events to `owner` until `leaseUntil`: for each ordering key only its
    /// oldest unfinished event, so events of one task reach an endpoint in order. Leases of crashed
    /// nodes that ran out are taken back first. PostgreSQL skips rows other nodes are claiming.
    public func claimDueEvents(
        owner: String, now: Timestamp, leaseUntil: Timestamp, limit: Int, excludingEndpoints: [String] = []
    ) async throws -> [OutboxEvent] {
        try await database.write { db in
            try await db.execute(
                """
                UPDATE outbox_events SET status = 'pending', lease_owner = NULL, lease_expires_at = NULL
                WHERE status = 'delivering' AND lease_expires_at <= ?
                """, [.int(now.microseconds)])
            var binds: [SQLValue] = [.text(owner), .int(leaseUntil.microseconds), .int(now.microseconds)]
            var exclusion = ""
            if !excludingEndpoints.isEmpty {
                exclusion =
                    " AND e.endpoint NOT IN (" + excludingEndpoints.map { _ in "?" }.joined(separator: ", ") + ")"
                binds.append(contentsOf: excludingEndpoints.map(SQLValue.text))
            }
            binds.append(.int(Int64(limit)))
            let skipLocked = db.dialect == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
            let rows = try await db.query(
                """
                UPDATE outbox_events SET status = 'delivering', lease_owner = ?, lease_expires_at = ?
                WHERE id IN (
                    SELECT e.id FROM outbox_events e WHERE e.status = 'pending' AND e.next_attempt_at <= ?\(exclusion)
                    AND NOT EXISTS (SELECT 1 FROM outbox_events o WHERE o.ordering_key = e.ordering_key
                        AND o.status IN ('pending', 'delivering')
                        AND (o.created_at < e.created_at OR (o.created_at = e.created_at AND o.id < e.id)))
                    ORDER BY e.next_attempt_at, e.id LIMIT ?\(skipLocked))
                RETURNING \(Self.eventColumns)
                """, binds)
            return rows.map(Self.event).sorted { ($0.nextAttemptAt, $0.id) < ($1.nextAttemptAt, $1.id) }
        }
    }

    /// Records attempts in one transaction: the delivery log, the event's new state (delivered,
    /// due again, or dead once its attempts are spent or the receiver refused it for good), and on
    /// completion events the task's `callback_succeeded`. Outcomes for leases `owner` no longer
    /// holds are logged (the request was made) but change nothing.
    public func recordDeliveries(_ outcomes: [DeliveryOutcome], owner: String, now: Timestamp) async throws {
        guard !outcomes.isEmpty else { return }
        try await database.write { db in
            for outcome in outcomes { try await Self.record(outcome, owner: owner, now: now, db) }
        }
    }

    private static func record(_ outcome: DeliveryOutcome, owner: String, now: Timestamp, _ db: any SQLConnection)
        async throws
    {
        let attempt = outcome.attempt
        try await db.execute(
            """
            INSERT INTO delivery_attempts (event_id, attempt, started_at, status_code, latency_us, error)
            VALUES (?, ?, ?, ?, ?, ?)
            """,
            [
                .text(attempt.eventID), .int(Int64(attempt.number)), .int(attempt.startedAt.microseconds),
                attempt.statusCode.map { .int(Int64($0)) } ?? .null, .int(attempt.latencyMicroseconds),
                attempt.error.map(SQLValue.text) ?? .null,
            ])
        let status: EventStatus
        switch outcome.verdict {
        case .delivered: status = .delivered
        case .retry where attempt.number < outcome.event.maxAttempts: status = .pending
        case .retry, .final: status = .dead
        }
        let updated = try await db.query(
            """
            UPDATE outbox_events SET status = ?, attempts = ?, next_attempt_at = ?, last_status = ?, last_error = ?,
                delivered_at = ?, lease_owner = NULL, lease_expires_at = NULL
            WHERE id = ? AND status = 'delivering' AND lease_owner = ? RETURNING id
            """,
            [
                .text(status.rawValue), .int(Int64(attempt.number)),
                .int((status == .pending ? outcome.retryAt : now).microseconds),
                attempt.statusCode.map { .int(Int64($0)) } ?? .null, attempt.error.map(SQLValue.text) ?? .null,
                status == .delivered ? .int(now.microseconds) : .null, .text(attempt.eventID), .text(owner),
            ])
        guard !updated.isEmpty, status != .pending, outcome.event.kind.setsCallbackOutcome,
            let taskID = outcome.event.taskID
        else { return }
        let succeeded: Int64 = status == .delivered ? 1 : 0
        try await db.execute(
            """
            UPDATE tasks SET callback_succeeded = ?, callback_at = ?,
                status = CASE WHEN ? = 1 AND status = 'completed' THEN 'delivered' ELSE status END,
                delivered_at = CASE WHEN ? = 1 AND delivered_at IS NULL THEN ? ELSE delivered_at END
            WHERE id = ?
            """,
            [
                .int(succeeded), .int(now.microseconds), .int(succeeded), .int(succeeded), .int(now.microseconds),
                .text(taskID),
            ])
    }

    /// Gives back every lease `owner` holds (at graceful shutdown), so other nodes or the next start
    /// deliver those events at once.
    public func releaseEventLeases(owner: String) async throws {
        try await database.write { db in
            try await db.execute(
                """
                UPDATE outbox_events SET status = 'pending', lease_owner = NULL, lease_expires_at = NULL
                WHERE status = 'delivering' AND lease_owner = ?
                """, [.text(owner)])
        }
    }
}

extension Store {
    /// Extends the leases `owner` still holds to `until` (a dispatcher busy with a slow endpoint).
    public func renewEventLeases(owner: String, until: Timestamp) async throws {
        try await database.write { db in
            try await db.execute(
                "UPDATE outbox_events SET lease_expires_at = ? WHERE status = 'delivering' AND lease_owner = ?",
                [.int(until.microseconds), .text(owner)])
        }
    }
}

extension Store {
    /// Deletes up to `limit` delivered events (and their delivery logs) delivered before `cutoff`;
    /// dead letters stay until resent. Returns how many went.
    @discardableResult
    public func purgeDeliveredEvents(deliveredBefore cutoff: Timestamp, limit: Int = 5_000) async throws -> Int {
        try await database.write { db in
            let ids = try await db.query(
                "SELECT id FROM outbox_events WHERE status = 'delivered' AND delivered_at < ? LIMIT ?",
                [.int(cutoff.microseconds), .int(Int64(limit))]
            ).compactMap { $0.string(0) }
            guard !ids.isEmpty else { return 0 }
            for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
                let marks = chunk.map { _ in "?" }.joined(separator: ", ")
                try await db.execute(
                    "DELETE FROM delivery_attempts WHERE event_id IN (\(marks))", chunk.map(SQLValue.text))
                try await db.execute("DELETE FROM outbox_events WHERE id IN (\(marks))", chunk.map(SQLValue.text))
            }
            return ids.count
        }
    }
}
