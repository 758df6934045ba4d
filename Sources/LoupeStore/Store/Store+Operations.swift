public import LoupeDomain

/// What an operator watches: the outbox and the work queue, read for `/metrics`.
public struct OperationalCounts: Sendable, Equatable {
    /// Events waiting for their next attempt.
    public var eventsPending = 0
    /// Events leased by a dispatcher and being posted.
    public var eventsDelivering = 0
    /// Dead letters (given up; they can be resent).
    public var eventsDead = 0
    /// Seconds the longest-waiting due event has been due (0 when none is late).
    public var oldestDueEventSeconds = 0.0
    /// Leases held and still running.
    public var leasesActive = 0
    /// Leases whose time ran out and that the reaper has not ended yet.
    public var leasesExpired = 0
}

extension Store {
    private static let outboxCountColumns = SQLColumns(["pending", "delivering", "dead", "oldest_due"])
    private static let leaseCountColumns = SQLColumns(["live", "expired"])

    /// The outbox and lease counts at `now`. Each query reads a partial index, so a scrape costs
    /// the same on an instance with millions of delivered events.
    public func operationalCounts(now: Timestamp) async throws -> OperationalCounts {
        try await database.read { db in
            var counts = OperationalCounts()
            let events = try await db.query(
                """
                SELECT
                    (SELECT COUNT(*) FROM outbox_events WHERE status = 'pending') AS pending,
                    (SELECT COUNT(*) FROM outbox_events WHERE status = 'delivering') AS delivering,
                    (SELECT COUNT(*) FROM outbox_events WHERE status = 'dead') AS dead,
                    (SELECT MIN(next_attempt_at) FROM outbox_events WHERE status = 'pending') AS oldest_due
                """, [])
            if let first = events.first {
                let row = Self.outboxCountColumns.reader(first)
                counts.eventsPending = row.int("pending") ?? 0
                counts.eventsDelivering = row.int("delivering") ?? 0
                counts.eventsDead = row.int("dead") ?? 0
                if let due = row.int64("oldest_due"), due < now.microseconds {
                    counts.oldestDueEventSeconds = Double(now.microseconds - due) / 1_000_000
                }
            }
            let leases = try await db.query(
                """
                SELECT
                    (SELECT COUNT(*) FROM assignments WHERE status = 'active' AND lease_expires_at > ?) AS live,
                    (SELECT COUNT(*) FROM assignments WHERE status = 'active' AND lease_expires_at <= ?) AS expired
                """, [.int(now.microseconds), .int(now.microseconds)])
            if let first = leases.first {
                let row = Self.leaseCountColumns.reader(first)
                counts.leasesActive = row.int("live") ?? 0
                counts.leasesExpired = row.int("expired") ?? 0
            }
            return counts
        }
    }
}
