/// A reviewer's lease on a task whose results await a human decision.
public struct Review: Sendable, Equatable {
    /// Where a review lease stands.
    public enum Status: String, Sendable {
        /// Held by the reviewer until the lease expires.
        case active
        /// The reviewer decided.
        case decided
        /// Given back or timed out.
        case released
    }

    /// 24-hex id.
    public var id: String
    /// Owning organization.
    public var organizationID: String
    /// The task's project.
    public var projectID: String
    /// The task under review.
    public var taskID: String
    /// The reviewer (a user id).
    public var reviewerID: String
    /// Lifecycle state.
    public var status: Status
    /// When the lease ends.
    public var leaseExpiresAt: Timestamp
    /// When it was claimed.
    public var createdAt: Timestamp

    /// A review lease.
    public init(
        id: String, organizationID: String, projectID: String, taskID: String, reviewerID: String, status: Status,
        leaseExpiresAt: Timestamp, createdAt: Timestamp
    ) {
        self.id = id
        self.organizationID = organizationID
        self.projectID = projectID
        self.taskID = taskID
        self.reviewerID = reviewerID
        self.status = status
        self.leaseExpiresAt = leaseExpiresAt
        self.createdAt = createdAt
    }
}

/// What a reviewer decides about one result.
public enum ReviewVerdict: Sendable, Equatable {
    /// Accept and pay.
    case approve
    /// Refuse: not paid, the worker's reputation drops; the task asks for another result.
    case reject(reason: String)
    /// The same worker redoes it before `deadline`; no reputation effect.
    case sendBack(reason: String, deadline: Timestamp)
}
