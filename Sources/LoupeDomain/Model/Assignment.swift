/// Where one worker's attempt at a task stands.
public enum AssignmentStatus: String, Sendable, CaseIterable {
    /// Leased to the worker until its lease expires.
    case active
    /// The worker answered; the result awaits its task's decision or a reviewer.
    case submitted
    /// The result was accepted (and paid).
    case approved
    /// A reviewer refused the result: not paid, and the worker's reputation drops.
    case rejected
    /// A reviewer asked the same worker to redo it before a deadline (its lease).
    case sentBack = "sent_back"
    /// The worker gave the task back.
    case released
    /// The lease ran out before an answer.
    case expired
}

/// One worker's attempt at one task, under a lease.
public struct Assignment: Sendable, Equatable {
    /// 24-hex id.
    public var id: String
    /// Owning organization.
    public var organizationID: String
    /// The task's project.
    public var projectID: String
    /// The task.
    public var taskID: String
    /// The worker (a user id).
    public var workerID: String
    /// Lifecycle state.
    public var status: AssignmentStatus
    /// When the lease ends unless renewed by a heartbeat.
    public var leaseExpiresAt: Timestamp
    /// The submitted answer.
    public var answer: RawJSON?
    /// When it was claimed.
    public var createdAt: Timestamp
    /// When it was submitted.
    public var submittedAt: Timestamp?
    /// The task's rework round this result belongs to (0 first).
    public var round = 0
    /// The reviewer's reason for a rejection or a send-back.
    public var feedback: String?
    /// Paid for the result once approved.
    public var payment = 0.0

    /// An assignment with the given fields.
    public init(
        id: String, organizationID: String, projectID: String, taskID: String, workerID: String,
        status: AssignmentStatus, leaseExpiresAt: Timestamp, answer: RawJSON? = nil, createdAt: Timestamp,
        submittedAt: Timestamp? = nil
    ) {
        self.id = id
        self.organizationID = organizationID
        self.projectID = projectID
        self.taskID = taskID
        self.workerID = workerID
        self.status = status
        self.leaseExpiresAt = leaseExpiresAt
        self.answer = answer
        self.createdAt = createdAt
        self.submittedAt = submittedAt
    }
}

extension AssignmentStatus {
    /// Whether the worker still holds the task under a lease or deadline (and may submit).
    public var holdsLease: Bool { self == .active || self == .sentBack }
}
