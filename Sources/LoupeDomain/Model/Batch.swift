/// Where a batch is in its life.
public enum BatchStatus: String, Sendable, CaseIterable {
    /// Created; waiting for its file (upload batches) or for finalize.
    case pending
    /// A file upload is streaming in.
    case uploading
    /// Finalized; tasks are being created in the background.
    case processing
    /// Every item was handled (some may have failed individually).
    case completed
    /// The file could not be read as a whole (e.g. a broken JSON array).
    case failed
    /// Canceled by the requester; tasks created so far stay.
    case canceled

    /// Whether the batch has reached an end state.
    public var isFinished: Bool { self == .completed || self == .failed || self == .canceled }
}

/// A set of tasks created together, inline or from an uploaded file.
public struct Batch: Sendable, Equatable {
    /// 24-hex id.
    public var id: String
    /// Owning organization.
    public var organizationID: String
    /// The project its tasks go to.
    public var projectID: String
    /// The requester's own id for the batch.
    public var clientBatchID: String?
    /// Lifecycle state.
    public var status: BatchStatus
    /// Priority given to its tasks unless an item sets its own.
    public var priority: Int
    /// Created with a test key.
    public var testMode: Bool
    /// Items seen so far (all items once finished).
    public var total: Int
    /// Tasks created.
    public var created: Int
    /// Items that failed.
    public var failed: Int
    /// Bytes received by the upload.
    public var uploadedBytes: Int64?
    /// When the upload capability expires.
    public var uploadExpiresAt: Timestamp?
    /// Where ingestion resumes after a restart: next item index, byte offset and file mode.
    public var resume: BatchResumePoint
    /// Why the batch failed as a whole.
    public var error: String?
    /// Free metadata.
    public var metadata: RawJSON
    /// The API dialect that created it: its uploaded items are read in that dialect's field names.
    public var dialect = DialectID.native
    /// Where the batch's completion is reported (Scale's batch `callback`), if set.
    public var callbackURL: String?
    /// Creation time.
    public var createdAt: Timestamp
    /// Last change.
    public var updatedAt: Timestamp
    /// When it reached an end state.
    public var finishedAt: Timestamp?

    /// A batch with the given fields.
    public init(
        id: String, organizationID: String, projectID: String, clientBatchID: String?, status: BatchStatus,
        priority: Int, testMode: Bool, total: Int = 0, created: Int = 0, failed: Int = 0, uploadedBytes: Int64? = nil,
        uploadExpiresAt: Timestamp? = nil, resume: BatchResumePoint = BatchResumePoint(), error: String? = nil,
        metadata: RawJSON = .emptyObject, createdAt: Timestamp, updatedAt: Timestamp, finishedAt: Timestamp? = nil
    ) {
        self.id = id
        self.organizationID = organizationID
        self.projectID = projectID
        self.clientBatchID = clientBatchID
        self.status = status
        self.priority = priority
        self.testMode = testMode
        self.total = total
        self.created = created
        self.failed = failed
        self.uploadedBytes = uploadedBytes
        self.uploadExpiresAt = uploadExpiresAt
        self.resume = resume
        self.error = error
        self.metadata = metadata
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.finishedAt = finishedAt
    }
}

/// How far ingestion of a batch file got, saved with every chunk of created tasks.
public struct BatchResumePoint: Sendable, Equatable {
    /// Index of the next item to read.
    public var nextIndex: Int
    /// Byte offset in the file where reading resumes after the last handled item (see
    /// `JSONStreamElement.endOffset`).
    public var offset: Int64
    /// `array` or `lines`, once known.
    public var mode: String?

    /// A resume point (the start of the file by default).
    public init(nextIndex: Int = 0, offset: Int64 = 0, mode: String? = nil) {
        self.nextIndex = nextIndex
        self.offset = offset
        self.mode = mode
    }
}

/// One item of a batch that could not become a task.
public struct BatchFailure: Error, Sendable, Equatable {
    /// 0-based position of the item in the batch.
    public var index: Int
    /// Why it failed, naming the field.
    public var reason: String
    /// The item as it was sent (JSON text), kept up to `maxKeptItemBytes` so its sender can see it.
    public var item: String?

    /// The longest failed item kept with its failure.
    public static let maxKeptItemBytes = 65_536

    /// A failure at `index`, keeping `item` when it is short enough.
    public init(index: Int, reason: String, item: [UInt8]? = nil) {
        self.index = index
        self.reason = reason
        if let item, item.count <= Self.maxKeptItemBytes { self.item = String(decoding: item, as: UTF8.self) }
    }
}
