/// What a worker has done and how well, as requesters and the worker see it.
public struct WorkerStats: Sendable, Equatable {
    /// The worker (a user id).
    public var workerID: String
    /// Results waiting for their task's decision or a reviewer.
    public var inReview = 0
    /// Results accepted.
    public var approved = 0
    /// Results refused by a reviewer.
    public var rejected = 0
    /// Results sent back and not yet redone.
    public var sentBack = 0
    /// Tasks given back or timed out.
    public var abandoned = 0
    /// Sum of payments for approved results.
    public var earnings = 0.0
    /// Results whose task completed, and how many of those equal the final answer.
    public var decided = 0
    /// See `decided`.
    public var agreed = 0
    /// Median seconds from claim to submit.
    public var medianSecondsPerTask: Double?
    /// The statistical model's estimate of the worker's accuracy, where a project has one.
    public var estimatedAccuracy: Double?

    /// Empty stats for a worker.
    public init(workerID: String) { self.workerID = workerID }

    /// Approved results: the worker's experience.
    public var experience: Int { approved }

    /// Share of decided results that equal the final answer.
    public var agreement: Double? { decided == 0 ? nil : Double(agreed) / Double(decided) }

    /// 0…100: the Laplace-smoothed share of reviewed results that were not rejected. New workers
    /// start at 50; each rejection lowers it, each approval raises it.
    public var reputation: Double { 100 * Double(approved + 1) / Double(approved + rejected + 2) }
}
