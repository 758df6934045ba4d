/// A requester's audit of a completed task (shown by dialects that expose audits).
public struct TaskAudit: Sendable, Equatable {
    /// Accepted or rejected.
    public var accepted: Bool
    /// The requester's comments.
    public var comments: String?
    /// When it was made.
    public var createdAt: Timestamp

    /// An audit.
    public init(accepted: Bool, comments: String?, createdAt: Timestamp) {
        self.accepted = accepted
        self.comments = comments
        self.createdAt = createdAt
    }
}

/// What a task's rendering in a dialect shows beyond the task itself: names instead of ids, and audits.
public struct TaskContext: Sendable {
    /// The project's name.
    public var projectName: String
    /// The batch's name, if the task is in one.
    public var batchName: String?
    /// Audits, oldest first.
    public var audits: [TaskAudit]
    /// Where links to files Loupe serves start: the server's base URL, or "" for links relative to it.
    public var linkBase = ""

    /// A context.
    public init(projectName: String, batchName: String?, audits: [TaskAudit] = []) {
        self.projectName = projectName
        self.batchName = batchName
        self.audits = audits
    }
}
