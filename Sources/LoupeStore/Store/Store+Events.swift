import Foundation
public import LoupeDomain

/// A signing secret of a project's deliveries (Standard Webhooks `whsec_…`).
public struct WebhookSecret: Sendable, Equatable {
    /// `whsec_` and 32 random bytes in base64.
    public var secret: String
    /// When it was made.
    public var createdAt: Timestamp
    /// When it stops signing (set when a newer secret replaces it).
    public var expiresAt: Timestamp?

    /// A fresh random secret.
    public static func generate(now: Timestamp) -> WebhookSecret {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return WebhookSecret(secret: "whsec_" + Data(bytes).base64EncodedString(), createdAt: now, expiresAt: nil)
    }
}

extension Store {
    /// An event belongs to the mode of the task or batch it is about, stored when it is written.
    static let eventInMode = "test_mode = ?"

    /// The project's events in `testMode`, newest first, optionally only in `status` or about one task.
    public func events(
        projectID: String, organizationID: String, testMode: Bool, status: EventStatus?, taskID: String?,
        beforeID: String?, limit: Int
    ) async throws -> [OutboxEvent] {
        try await database.read { db in
            var conditions = ["project_id = ?", "org_id = ?", Self.eventInMode]
            var binds: [SQLValue] = [.text(projectID), .text(organizationID), .int(testMode ? 1 : 0)]
            if let status {
                conditions.append("status = ?")
                binds.append(.text(status.rawValue))
            }
            if let taskID {
                conditions.append("task_id = ?")
                binds.append(.text(taskID))
            }
            if let beforeID {
                conditions.append("id < ?")
                binds.append(.text(beforeID))
            }
            binds.append(.int(Int64(limit)))
            return try await db.query(
                """
                SELECT \(Self.eventColumns) FROM outbox_events WHERE \(conditions.joined(separator: " AND "))
                ORDER BY id DESC LIMIT ?
                """, binds
            ).map(Self.event)
        }
    }

    /// One event and its delivery log, oldest attempt first.
    public func event(id: String, organizationID: String, testMode: Bool) async throws
        -> (OutboxEvent, [DeliveryAttempt])?
    {
        try await database.read { db in
            guard
                let event = try await db.query(
                    "SELECT \(Self.eventColumns) FROM outbox_events WHERE id = ? AND org_id = ? AND \(Self.eventInMode)",
                    [.text(id), .text(organizationID), .int(testMode ? 1 : 0)]
                ).first.map(Self.event)
            else { return nil }
            let attempts = try await db.query(
                """
                SELECT event_id, attempt, started_at, status_code, latency_us, error FROM delivery_attempts
                WHERE event_id = ? ORDER BY attempt, started_at
                """, [.text(id)]
            ).map {
                DeliveryAttempt(
                    eventID: $0.string(0)!, number: $0.int(1) ?? 0,
                    startedAt: Timestamp(microseconds: $0.int64(2) ?? 0),
                    statusCode: $0.int(3), latencyMicroseconds: $0.int64(4) ?? 0, error: $0.string(5))
            }
            return (event, attempts)
        }
    }

    /// Queues a delivered or dead event again with a fresh set of the project's attempts.
    public func resendEvent(id: String, organizationID: String, testMode: Bool, now: Timestamp) async throws
        -> OutboxEvent
    {
        try await database.write { db in
            guard
                let event = try await db.query(
                    "SELECT \(Self.eventColumns) FROM outbox_events WHERE id = ? AND org_id = ? AND \(Self.eventInMode)",
                    [.text(id), .text(organizationID), .int(testMode ? 1 : 0)]
                ).first.map(Self.event)
            else { throw DomainError.notFound("event", id) }
            guard event.status == .dead || event.status == .delivered else {
                throw DomainError(
                    .invalidState, "event \(id) is \(event.status.rawValue); it will be sent without a resend")
            }
            let budget = try await Self.callbackSettings(projectID: event.projectID, db).retry.maxAttempts
            return try await db.query(
                """
                UPDATE outbox_events SET status = 'pending', next_attempt_at = ?, max_attempts = attempts + ?,
                    delivered_at = NULL WHERE id = ? RETURNING \(Self.eventColumns)
                """, [.int(now.microseconds), .int(Int64(budget)), .text(id)]
            ).first.map(Self.event) ?? event
        }
    }

    /// Queues every dead event of the project again; returns how many.
    public func resendDeadEvents(projectID: String, organizationID: String, testMode: Bool, now: Timestamp)
        async throws -> Int
    {
        try await database.write { db in
            let budget = try await Self.callbackSettings(projectID: projectID, db).retry.maxAttempts
            return try await db.query(
                """
                UPDATE outbox_events SET status = 'pending', next_attempt_at = ?, max_attempts = attempts + ?
                WHERE project_id = ? AND org_id = ? AND status = 'dead' AND \(Self.eventInMode) RETURNING id
                """,
                [
                    .int(now.microseconds), .int(Int64(budget)), .text(projectID), .text(organizationID),
                    .int(testMode ? 1 : 0),
                ]
            ).count
        }
    }

    /// The secrets that sign the project's deliveries now, newest first; the first call makes one.
    public func webhookSecrets(projectID: String, now: Timestamp) async throws -> [WebhookSecret] {
        let current = try await database.read { db in try await Self.liveSecrets(projectID, now, db) }
        if !current.isEmpty { return current }
        return try await database.write { db in
            let again = try await Self.liveSecrets(projectID, now, db)
            if !again.isEmpty { return again }
            let secret = WebhookSecret.generate(now: now)
            try await Self.insertSecret(secret, projectID: projectID, db)
            return [secret]
        }
    }

    /// Makes a new signing secret; older ones keep signing for `overlapSeconds` so receivers can switch.
    public func rotateWebhookSecret(projectID: String, overlapSeconds: Double, now: Timestamp) async throws
        -> [WebhookSecret]
    {
        try await database.write { db in
            let until = now.adding(seconds: overlapSeconds)
            try await db.execute(
                """
                UPDATE webhook_secrets SET expires_at = ?
                WHERE project_id = ? AND (expires_at IS NULL OR expires_at > ?)
                """, [.int(until.microseconds), .text(projectID), .int(until.microseconds)])
            try await Self.insertSecret(WebhookSecret.generate(now: now), projectID: projectID, db)
            return try await Self.liveSecrets(projectID, now, db)
        }
    }

    private static func liveSecrets(_ projectID: String, _ now: Timestamp, _ db: any SQLConnection) async throws
        -> [WebhookSecret]
    {
        try await db.query(
            """
            SELECT secret, created_at, expires_at FROM webhook_secrets
            WHERE project_id = ? AND (expires_at IS NULL OR expires_at > ?) ORDER BY created_at DESC, secret
            """, [.text(projectID), .int(now.microseconds)]
        ).map {
            WebhookSecret(
                secret: $0.string(0)!, createdAt: Timestamp(microseconds: $0.int64(1) ?? 0),
                expiresAt: $0.int64(2).map(Timestamp.init))
        }
    }

    private static func insertSecret(_ secret: WebhookSecret, projectID: String, _ db: any SQLConnection) async throws {
        try await db.execute(
            "INSERT INTO webhook_secrets (project_id, secret, created_at, expires_at) VALUES (?, ?, ?, NULL)",
            [.text(projectID), .text(secret.secret), .int(secret.createdAt.microseconds)])
    }

    /// The callback settings of a project, as the dispatcher needs them for auth and retries.
    public func callbackSettings(projectID: String) async throws -> CallbackSettings {
        try await database.read { db in try await Self.callbackSettings(projectID: projectID, db) }
    }
}
