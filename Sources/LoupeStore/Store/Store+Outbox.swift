public import LoupeDomain

extension Store {
    /// Event ids: unique across nodes, roughly time-ordered.
    static let eventIDs = ObjectIDGenerator()

    /// Writes the event for a change to `task`, inside the transaction making that change, when the
    /// project sends events of this kind and the task or the project names a callback URL.
    /// `settings` are the project's callback settings when the caller has already read them.
    func recordEvent(
        _ kind: EventKind, task: WorkTask, reason: String? = nil, settings known: CallbackSettings? = nil,
        now: Timestamp,
        _ db: any SQLConnection
    ) async throws {
        var settings = known
        if settings == nil { settings = try await Self.callbackSettings(projectID: task.projectID, db) }
        guard let settings else { return }
        guard settings.events.contains(kind), let target = task.callbackURL ?? settings.url else { return }
        let id = Self.eventIDs.next()
        let dialect = dialects.dialect(task.dialect)
        var payload = EventPayload.task(task, kind: kind, eventID: id, at: now, reason: reason)
        if task.dialect != .native, let context = try await Self.taskContexts(for: [task], db)[task.id],
            let body = dialect.callbackBody(for: task, kind: kind, context: context)
        {
            payload = body
        }
        var event = OutboxEvent(
            id: id, organizationID: task.organizationID, projectID: task.projectID, taskID: task.id,
            batchID: task.batchID, kind: kind, targetURL: target,
            orderingKey: OutboxEvent.endpoint(of: target) + "|task:" + task.id, payload: payload,
            maxAttempts: dialect.retryPolicy(projectPolicy: settings.retry).maxAttempts, nextAttemptAt: now,
            createdAt: now)
        event.dialect = task.dialect
        event.testMode = task.testMode
        try await Self.insertEvent(event, db)
    }

    /// Writes `batch.finished` for a batch that reached an end state, to the batch's own callback
    /// (a Scale batch `callback`, a Sama `notification_email`) or else the project's.
    func recordBatchEvent(_ batch: Batch, now: Timestamp, _ db: any SQLConnection) async throws {
        let settings = try await Self.callbackSettings(projectID: batch.projectID, db)
        guard settings.events.contains(.batchFinished), let target = batch.callbackURL ?? settings.url else { return }
        let id = Self.eventIDs.next()
        var event = OutboxEvent(
            id: id, organizationID: batch.organizationID, projectID: batch.projectID, taskID: nil,
            batchID: batch.id, kind: .batchFinished, targetURL: target,
            orderingKey: OutboxEvent.endpoint(of: target) + "|batch:" + batch.id,
            payload: EventPayload.batch(batch, eventID: id, at: now), maxAttempts: settings.retry.maxAttempts,
            nextAttemptAt: now, createdAt: now)
        event.testMode = batch.testMode
        try await Self.insertEvent(event, db)
    }

    /// Writes `task.created` for newly inserted tasks whose project asks for it (each project's
    /// settings read once).
    func recordCreationEvents(_ tasks: [WorkTask], now: Timestamp, _ db: any SQLConnection) async throws {
        var settingsByProject: [String: CallbackSettings] = [:]
        for task in tasks {
            var settings = settingsByProject[task.projectID]
            if settings == nil { settings = try await Self.callbackSettings(projectID: task.projectID, db) }
            guard let settings else { continue }
            settingsByProject[task.projectID] = settings
            if settings.events.contains(.taskCreated) {
                try await recordEvent(.taskCreated, task: task, settings: settings, now: now, db)
            }
        }
    }

    static func callbackSettings(projectID: String, _ db: any SQLConnection) async throws -> CallbackSettings {
        let text = try await db.query("SELECT settings FROM projects WHERE id = ?", [.text(projectID)]).first?.string(0)
        return workflow(stored: text).callback
    }

    static func insertEvent(_ event: OutboxEvent, _ db: any SQLConnection) async throws {
        try await db.execute(
            """
            INSERT INTO outbox_events (id, org_id, project_id, task_id, batch_id, kind, target_url, endpoint,
                ordering_key, payload, status, attempts, max_attempts, next_attempt_at, created_at, format, test_mode)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?, ?)
            """,
            [
                .text(event.id), .text(event.organizationID), .text(event.projectID),
                event.taskID.map(SQLValue.text) ?? .null, event.batchID.map(SQLValue.text) ?? .null,
                .text(event.kind.rawValue), .text(event.targetURL), .text(OutboxEvent.endpoint(of: event.targetURL)),
                .text(event.orderingKey), .text(event.payload.text), .int(Int64(event.maxAttempts)),
                .int(event.nextAttemptAt.microseconds), .int(event.createdAt.microseconds),
                .text(event.dialect.rawValue), .int(event.testMode ? 1 : 0),
            ])
    }

    static let eventColumns = """
        id, org_id, project_id, task_id, batch_id, kind, target_url, ordering_key, payload, status, attempts,
        max_attempts, next_attempt_at, last_status, last_error, created_at, delivered_at, format, test_mode
        """

    static func event(_ row: SQLRow) -> OutboxEvent {
        var event = OutboxEvent(
            id: row.string(0)!, organizationID: row.string(1)!, projectID: row.string(2)!, taskID: row.string(3),
            batchID: row.string(4), kind: EventKind(rawValue: row.string(5)!) ?? .taskCompleted,
            targetURL: row.string(6)!, orderingKey: row.string(7)!, payload: RawJSON(unchecked: row.string(8)!),
            status: EventStatus(rawValue: row.string(9)!) ?? .pending, attempts: row.int(10) ?? 0,
            maxAttempts: row.int(11) ?? 1, nextAttemptAt: Timestamp(microseconds: row.int64(12)!),
            lastStatusCode: row.int(13), lastError: row.string(14), createdAt: Timestamp(microseconds: row.int64(15)!),
            deliveredAt: row.int64(16).map(Timestamp.init))
        event.dialect = DialectID(rawValue: row.string(17) ?? DialectID.native.rawValue)
        event.testMode = row.bool(18)
        return event
    }
}
