public import LoupeDomain

/// What happened to one chunk of batch items.
public struct BatchChunkOutcome: Sendable, Equatable {
    /// Tasks created by this chunk.
    public var created: Int
    /// Items that failed (parse and validation failures plus duplicate unique ids).
    public var failures: [BatchFailure]
    /// False when the batch was canceled or the lease lost: nothing was written, stop.
    public var accepted: Bool
}

extension Store {
    /// Stores a new batch; `uploadTokenHash` is the hash of its upload capability, if it has one.
    /// Returns the batch stored under the batch's `client_batch_id` when another create took it
    /// first (`created` false: nothing was written), so concurrent creates make one batch.
    @discardableResult
    public func createBatch(_ batch: Batch, uploadTokenHash: String?, idempotency: IdempotencyRecord? = nil)
        async throws -> (batch: Batch, created: Bool, replay: IdempotentResponse?)
    {
        try await resolvingIdempotencyRace(
            idempotency, organizationID: batch.organizationID, fallback: { (batch, false, $0) }
        ) {
            try await database.write { db in
                if let replay = try await Self.replay(idempotency, organizationID: batch.organizationID, db) {
                    return (batch, false, replay)
                }
                guard try await Self.insert(batch, uploadTokenHash: uploadTokenHash, db) else {
                    return (try await Self.existing(batch, db), false, nil)
                }
                try await Self.remember(idempotency, for: batch, organizationID: batch.organizationID, db)
                return (batch, true, nil)
            }
        }
    }

    /// The batch, if it exists in the organization.
    public func batch(id: String, organizationID: String) async throws -> Batch? {
        try await database.read { db in
            try await db.query(
                "SELECT \(Self.batchColumns) FROM batches WHERE id = ? AND org_id = ?",
                [.text(id), .text(organizationID)]
            ).first.map(Self.batch)
        }
    }

    /// The batch whose upload capability hashes to `tokenHash`.
    public func batch(uploadTokenHash: String) async throws -> Batch? {
        try await database.read { db in
            try await db.query(
                "SELECT \(Self.batchColumns) FROM batches WHERE upload_token_hash = ?", [.text(uploadTokenHash)]
            ).first.map(Self.batch)
        }
    }

    /// A project's batches in id order after `afterID`.
    public func batches(projectID: String, organizationID: String, testMode: Bool, afterID: String?, limit: Int)
        async throws -> [Batch]
    {
        try await database.read { db in
            try await db.query(
                """
                SELECT \(Self.batchColumns) FROM batches WHERE project_id = ? AND org_id = ? AND test_mode = ? AND id > ?
                ORDER BY id LIMIT ?
                """,
                [
                    .text(projectID), .text(organizationID), .int(testMode ? 1 : 0), .text(afterID ?? ""),
                    .int(Int64(limit)),
                ]
            ).map(Self.batch)
        }
    }

    /// A batch's failed items in index order after `afterIndex`.
    public func batchFailures(batchID: String, afterIndex: Int, limit: Int) async throws -> [BatchFailure] {
        try await database.read { db in
            try await db.query(
                """
                SELECT item_index, reason, item FROM batch_failures WHERE batch_id = ? AND item_index > ?
                ORDER BY item_index LIMIT ?
                """, [.text(batchID), .int(Int64(afterIndex)), .int(Int64(limit))]
            ).map { row in
                var failure = BatchFailure(index: row.int(0)!, reason: row.string(1)!)
                failure.item = row.string(2)
                return failure
            }
        }
    }

    /// Refreshes PostgreSQL's statistics of the task table, as after a bulk load: until autovacuum
    /// gets round to it (a minute or more), claims are planned with the statistics of before the
    /// load. Measured after 100k tasks were ingested into one project, claims for another walked
    /// all 100k open tasks: 151 claims/s, p99 0.9 s, against 627 claims/s, p99 81 ms, once analysed.
    /// SQLite names the index each claim walks, and needs nothing.
    public func refreshTaskStatistics() async throws {
        guard database.dialect == .postgres else { return }
        try await database.write { db in try await db.execute("ANALYZE tasks") }
    }

    /// Marks an upload in progress as alive (its `updated_at`), so no node takes it for abandoned.
    public func touchUpload(batchID: String, now: Timestamp) async throws {
        try await database.write { db in
            try await db.execute(
                "UPDATE batches SET updated_at = ? WHERE id = ? AND status = 'uploading'",
                [.int(now.microseconds), .text(batchID)])
        }
    }

    /// Returns uploads not heard of since `cutoff` (their node crashed mid-PUT) to `pending`, so the
    /// client can PUT again; returns their batch ids for the partial files to be discarded.
    public func returnStaleUploads(before cutoff: Timestamp, now: Timestamp) async throws -> [String] {
        try await database.write { db in
            try await db.query(
                """
                UPDATE batches SET status = 'pending', updated_at = ?
                WHERE status = 'uploading' AND updated_at < ? RETURNING id
                """, [.int(now.microseconds), .int(cutoff.microseconds)]
            ).compactMap { $0.string(0) }
        }
    }

    /// Moves a batch from one of `from` to `to`, applying `set` (extra `column = ?` assignments).
    /// Returns the updated batch, or nil when it was not in one of `from` (or does not exist).
    public func transitionBatch(
        id: String, organizationID: String?, from: [BatchStatus], to: BatchStatus, at time: Timestamp,
        set assignments: [(String, SQLValue)] = []
    ) async throws -> Batch? {
        try await database.write { db in
            var sets = ["status = ?", "updated_at = ?"]
            var binds: [SQLValue] = [.text(to.rawValue), .int(time.microseconds)]
            if to.isFinished {
                sets.append("finished_at = ?")
                binds.append(.int(time.microseconds))
            }
            for (column, value) in assignments {
                sets.append("\(column) = ?")
                binds.append(value)
            }
            var conditions = ["id = ?", "status IN (" + from.map { _ in "?" }.joined(separator: ", ") + ")"]
            binds.append(.text(id))
            binds.append(contentsOf: from.map { .text($0.rawValue) })
            if let organizationID {
                conditions.append("org_id = ?")
                binds.append(.text(organizationID))
            }
            let batch = try await db.query(
                """
                UPDATE batches SET \(sets.joined(separator: ", ")) WHERE \(conditions.joined(separator: " AND "))
                RETURNING \(Self.batchColumns)
                """, binds
            ).first.map(Self.batch)
            if let batch, to.isFinished { try await recordBatchEvent(batch, now: time, db) }
            return batch
        }
    }

    /// Creates a batch and its tasks at once (inline batches), recording failures.
    /// A `client_batch_id` already taken returns that batch with `created` false, and no task is made.
    public func createInlineBatch(
        _ batch: Batch, tasks: [WorkTask], failures: [BatchFailure], idempotency: IdempotencyRecord? = nil
    ) async throws -> (batch: Batch, created: Bool, replay: IdempotentResponse?) {
        try await resolvingIdempotencyRace(
            idempotency, organizationID: batch.organizationID, fallback: { (batch, false, $0) }
        ) {
            try await inlineBatchTransaction(batch, tasks: tasks, failures: failures, idempotency: idempotency)
        }
    }

    private func inlineBatchTransaction(
        _ batch: Batch, tasks: [WorkTask], failures: [BatchFailure], idempotency: IdempotencyRecord?
    ) async throws -> (batch: Batch, created: Bool, replay: IdempotentResponse?) {
        try await database.write { db in
            var batch = batch
            if let replay = try await Self.replay(idempotency, organizationID: batch.organizationID, db) {
                return (batch, false, replay)
            }
            guard try await Self.insert(batch, uploadTokenHash: nil, db) else {
                return (try await Self.existing(batch, db), false, nil)
            }
            let outcome = try await insertChunk(batchID: batch.id, tasks: tasks, failures: failures, db)
            batch.created = outcome.created
            batch.failed = outcome.failures.count
            try await db.execute(
                "UPDATE batches SET created = ?, failed = ? WHERE id = ?",
                [.int(Int64(batch.created)), .int(Int64(batch.failed)), .text(batch.id)])
            try await Self.remember(idempotency, for: batch, organizationID: batch.organizationID, db)
            return (batch, true, nil)
        }
    }

    /// The batch that holds `batch`'s `client_batch_id` (a create lost the race to it).
    private static func existing(_ batch: Batch, _ db: any SQLConnection) async throws -> Batch {
        guard let clientBatchID = batch.clientBatchID,
            let existing = try await Self.batch(projectID: batch.projectID, clientBatchID: clientBatchID, db)
        else { throw DomainError(.conflict, "batch \(batch.id) could not be stored") }
        return existing
    }

    /// Takes the lease on one `processing` batch whose lease is free or expired.
    public func claimProcessingBatch(owner: String, now: Timestamp, leaseUntil: Timestamp) async throws -> Batch? {
        try await database.write { db in
            let skipLocked = db.dialect == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
            return try await db.query(
                """
                UPDATE batches SET lease_owner = ?, lease_expires_at = ?
                WHERE id = (SELECT id FROM batches WHERE status = 'processing'
                    AND (lease_expires_at IS NULL OR lease_expires_at < ?) ORDER BY id LIMIT 1\(skipLocked))
                RETURNING \(Self.batchColumns)
                """, [.text(owner), .int(leaseUntil.microseconds), .int(now.microseconds)]
            ).first.map(Self.batch)
        }
    }

    /// Saves one chunk of an uploaded batch atomically with its resume point, if `owner` still
    /// holds the lease and the batch is still processing.
    public func commitBatchChunk(
        batchID: String, owner: String, tasks: [WorkTask], failures: [BatchFailure], resume: BatchResumePoint,
        leaseUntil: Timestamp, at time: Timestamp
    ) async throws -> BatchChunkOutcome {
        try await database.write { db in
            let lock = db.dialect == .postgres ? " FOR UPDATE" : ""
            let holder = try await db.query(
                "SELECT lease_owner FROM batches WHERE id = ? AND status = 'processing'\(lock)", [.text(batchID)])
            guard let row = holder.first, row.string(0) == owner else {
                return BatchChunkOutcome(created: 0, failures: [], accepted: false)
            }
            var outcome = try await insertChunk(batchID: batchID, tasks: tasks, failures: failures, db)
            outcome.accepted = true
            try await db.execute(
                """
                UPDATE batches SET created = created + ?, failed = failed + ?, total = ?, resume_index = ?,
                    resume_offset = ?, resume_mode = ?, lease_expires_at = ?, updated_at = ?
                WHERE id = ?
                """,
                [
                    .int(Int64(outcome.created)), .int(Int64(outcome.failures.count)), .int(Int64(resume.nextIndex)),
                    .int(Int64(resume.nextIndex)), .int(resume.offset), resume.mode.map(SQLValue.text) ?? .null,
                    .int(leaseUntil.microseconds), .int(time.microseconds), .text(batchID),
                ])
            return outcome
        }
    }

    private func insertChunk(batchID: String, tasks: [WorkTask], failures: [BatchFailure], _ db: any SQLConnection)
        async throws -> BatchChunkOutcome
    {
        let inserted = try await insertTasks(tasks, db)
        var allFailures = failures
        let rejected = tasks.filter { !inserted.contains($0.id) }
        let uniqueIDs = rejected.compactMap(\.uniqueID)
        let existing = try await Self.taskIDs(
            uniqueIDs: uniqueIDs, organizationID: tasks.first?.organizationID ?? "", db)
        // A rejected task without a unique id hit its batch position: already stored by a chunk
        // that committed before a crash, so it is neither created again nor a failure.
        for task in rejected {
            if let uniqueID = task.uniqueID, let index = task.batchIndex {
                let reason = "/unique_id is already used by task \(existing[uniqueID] ?? "(unknown)")"
                allFailures.append(BatchFailure(index: index, reason: reason))
            }
        }
        allFailures.sort { $0.index < $1.index }
        for failure in allFailures {
            try await db.execute(
                """
                INSERT INTO batch_failures (batch_id, item_index, reason, item) VALUES (?, ?, ?, ?)
                ON CONFLICT DO NOTHING
                """,
                [
                    .text(batchID), .int(Int64(failure.index)), .text(failure.reason),
                    failure.item.map(SQLValue.text) ?? .null,
                ])
        }
        return BatchChunkOutcome(created: inserted.count, failures: allFailures, accepted: true)
    }
}

extension Store {
    /// Gives up every batch lease `owner` holds (at graceful shutdown), so another start resumes at once.
    public func releaseBatchLeases(owner: String) async throws {
        try await database.write { db in
            try await db.execute(
                "UPDATE batches SET lease_owner = NULL, lease_expires_at = NULL WHERE lease_owner = ?", [.text(owner)])
        }
    }
}
