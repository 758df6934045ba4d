/// Where a task is in its life. Dialects map these names to their own.
public enum TaskStatus: String, Sendable, CaseIterable {
    /// Created but held back: never offered to workers until the requester submits it.
    case staged
    case pending
    case inProgress = "in_progress"
    case inReview = "in_review"
    case completed
    case delivered
    case acknowledged
    case canceled
    case error

    /// Statuses after which the task no longer changes unless reworked.
    public var isFinished: Bool {
        switch self {
        case .completed, .delivered, .acknowledged, .canceled, .error: true
        case .staged, .pending, .inProgress, .inReview: false
        }
    }

    /// Whether a requester may still cancel a task in this status.
    public var isCancelable: Bool { !isFinished }
}

/// Already-validated JSON text, stored and sent on as it is (no re-encoding on the hot paths).
public struct RawJSON: Sendable, Hashable, CustomStringConvertible {
    /// Compact JSON text.
    public var text: String

    /// Wraps text that the caller has validated as JSON.
    public init(unchecked text: String) { self.text = text }

    /// The compact serialization of `value`.
    public init(_ value: JSONValue) { self.text = value.serialized() }

    /// `{}`.
    public static let emptyObject = RawJSON(unchecked: "{}")

    public var description: String { text }
}

/// One item of work in a project.
public struct WorkTask: Sendable, Equatable {
    /// 24-hex id.
    public var id: String
    /// Owning organization.
    public var organizationID: String
    /// The project it belongs to.
    public var projectID: String
    /// The batch that created it, if any.
    public var batchID: String?
    /// Its position in that batch's file.
    public var batchIndex: Int?
    /// Task type (the project's).
    public var type: String
    /// Inputs and pre-annotations.
    public var data: RawJSON
    /// The requester's idempotency key, unique in the organization.
    public var uniqueID: String?
    /// Higher is served first among tasks of one urgency.
    public var priority: Int
    /// Express tasks are served before standard ones.
    public var urgency = TaskUrgency.standard
    /// A partial answer the worker starts from (pre-annotations), if the requester gave one.
    public var prefill: RawJSON?
    /// Free metadata.
    public var metadata: RawJSON
    /// Where completion callbacks go (else the project's).
    public var callbackURL: String?
    /// Tags for filtering.
    public var tags: [String]
    /// Lifecycle state.
    public var status: TaskStatus
    /// The final answer once completed.
    public var response: RawJSON?
    /// Created with a test key: completed by the synthetic worker, never shown to people.
    public var testMode: Bool
    /// Creation time.
    public var createdAt: Timestamp
    /// Last change.
    public var updatedAt: Timestamp
    /// Completion time.
    public var completedAt: Timestamp?
    /// Cancellation time.
    public var canceledAt: Timestamp?
    /// Rework round: 0 at first, one more each time a requester rejects the completed task.
    public var round = 0
    /// How the final answer was reached: `{"confidence", "agreement", "method", "results"}`.
    public var outcome: RawJSON?
    /// Position in the project's delivery sequence once completed (a new one after each rework).
    public var deliverySequence: Int64?
    /// Whether its completion callback was accepted (nil while none has ended).
    public var callbackSucceeded: Bool?
    /// When that callback ended.
    public var callbackAt: Timestamp?
    /// When it was first handed over (webhook accepted or read by a feed consumer).
    public var deliveredAt: Timestamp?
    /// When a consumer acknowledged it.
    public var acknowledgedAt: Timestamp?
    /// The API dialect that created it; its answers, synthetic answers and callbacks follow that dialect.
    public var dialect = DialectID.native
    /// Its attachments are still to be fetched and checked; no worker sees it until they are.
    public var awaitsAttachmentCheck = false
    /// The requester's audit verdict (`accepted`, `rejected`), Scale's `customer_review_status`.
    public var customerReviewStatus: String?

    /// A task with the given fields.
    public init(
        id: String, organizationID: String, projectID: String, batchID: String? = nil, batchIndex: Int? = nil,
        type: String, data: RawJSON, uniqueID: String? = nil, priority: Int = 0, metadata: RawJSON = .emptyObject,
        callbackURL: String? = nil, tags: [String] = [], status: TaskStatus = .pending, response: RawJSON? = nil,
        testMode: Bool = false, createdAt: Timestamp, updatedAt: Timestamp, completedAt: Timestamp? = nil,
        canceledAt: Timestamp? = nil
    ) {
        self.id = id
        self.organizationID = organizationID
        self.projectID = projectID
        self.batchID = batchID
        self.batchIndex = batchIndex
        self.type = type
        self.data = data
        self.uniqueID = uniqueID
        self.priority = priority
        self.metadata = metadata
        self.callbackURL = callbackURL
        self.tags = tags
        self.status = status
        self.response = response
        self.testMode = testMode
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.completedAt = completedAt
        self.canceledAt = canceledAt
    }
}

extension TaskStatus {
    /// The statuses an export selects from its `status` parameter: nil (none given) for the
    /// completed tasks in delivery order, `all` for every status, else a comma list of statuses.
    /// An unknown status is refused naming `field`.
    public static func exportSelection(_ text: String?, field: String) throws(DomainError) -> Set<TaskStatus>? {
        guard let text else { return nil }
        if text == "all" { return Set(allCases) }
        var statuses: Set<TaskStatus> = []
        for part in text.split(separator: ",") {
            guard let status = TaskStatus(rawValue: String(part.filter { $0 != " " })) else {
                throw DomainError.invalidField(
                    field, "must be all or one or more of \(allCases.map(\.rawValue).joined(separator: ", "))")
            }
            statuses.insert(status)
        }
        guard !statuses.isEmpty else {
            throw DomainError.invalidField(
                field, "must be all or one or more of \(allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return statuses
    }
}
