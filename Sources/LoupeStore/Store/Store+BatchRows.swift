public import LoupeDomain

extension Store {
    static let batchColumns = """
        id, org_id, project_id, client_batch_id, status, priority, test_mode, total, created, failed,
        uploaded_bytes, upload_expires_at, resume_index, resume_offset, resume_mode, error, metadata,
        created_at, updated_at, finished_at, callback_url, origin
        """

    static func batch(_ row: SQLRow) -> Batch {
        var batch = Batch(
            id: row.string(0)!, organizationID: row.string(1)!, projectID: row.string(2)!,
            clientBatchID: row.string(3), status: BatchStatus(rawValue: row.string(4)!) ?? .failed,
            priority: row.int(5) ?? 0, testMode: row.bool(6), total: row.int(7) ?? 0, created: row.int(8) ?? 0,
            failed: row.int(9) ?? 0, uploadedBytes: row.int64(10), uploadExpiresAt: row.int64(11).map(Timestamp.init),
            resume: BatchResumePoint(nextIndex: row.int(12) ?? 0, offset: row.int64(13) ?? 0, mode: row.string(14)),
            error: row.string(15), metadata: RawJSON(unchecked: row.string(16) ?? "{}"),
            createdAt: Timestamp(microseconds: row.int64(17)!), updatedAt: Timestamp(microseconds: row.int64(18)!),
            finishedAt: row.int64(19).map(Timestamp.init))
        batch.callbackURL = row.string(20)
        batch.dialect = row.string(21).map(DialectID.init(rawValue:)) ?? .native
        return batch
    }

    /// Inserts `batch`; false when its `client_batch_id` is already taken in the project (nothing
    /// is written then).
    @discardableResult
    static func insert(_ batch: Batch, uploadTokenHash: String?, _ db: any SQLConnection) async throws -> Bool {
        try await !db.query(
            """
            INSERT INTO batches (id, org_id, project_id, client_batch_id, status, priority, test_mode, total, created,
                failed, upload_token_hash, upload_expires_at, metadata, created_at, updated_at, finished_at, callback_url,
                origin)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING RETURNING id
            """,
            [
                .text(batch.id), .text(batch.organizationID), .text(batch.projectID),
                batch.clientBatchID.map(SQLValue.text) ?? .null, .text(batch.status.rawValue),
                .int(Int64(batch.priority)), .int(batch.testMode ? 1 : 0), .int(Int64(batch.total)),
                .int(Int64(batch.created)), .int(Int64(batch.failed)), uploadTokenHash.map(SQLValue.text) ?? .null,
                batch.uploadExpiresAt.map { .int($0.microseconds) } ?? .null, .text(batch.metadata.text),
                .int(batch.createdAt.microseconds), .int(batch.updatedAt.microseconds),
                batch.finishedAt.map { .int($0.microseconds) } ?? .null, batch.callbackURL.map(SQLValue.text) ?? .null,
                batch.dialect == .native ? .null : .text(batch.dialect.rawValue),
            ]
        ).isEmpty
    }

    /// The project's batch with `clientBatchID`.
    static func batch(projectID: String, clientBatchID: String, _ db: any SQLConnection) async throws -> Batch? {
        try await db.query(
            "SELECT \(batchColumns) FROM batches WHERE project_id = ? AND client_batch_id = ?",
            [.text(projectID), .text(clientBatchID)]
        ).first.map(batch)
    }
}
