/// A project's workflow settings (`settings` on the project), checked when the project is saved.
///
/// Times are in seconds. Defaults: one result per task, one result per worker, 10 minutes to work,
/// a day to review, open worker strategy and no review.
public struct WorkflowSettings: Sendable, Equatable {
    /// How workers are chosen.
    public enum WorkerStrategy: String, Sendable, CaseIterable { case open, full, partitioned }
    /// How results are checked.
    public enum ReviewStrategy: String, Sendable, CaseIterable { case none, manual, consensus, aggregate }

    /// Results wanted per task.
    public var overlap = 1
    /// Results one worker may give to one task.
    public var maxResultsPerWorker = 1
    /// Lease length for a worker's assignment.
    public var maxWorkTime = 600
    /// Time after which a result in review is approved automatically.
    public var maxReviewTime = 86_400
    /// Payment per approved result.
    public var paymentPerResult = 0.0
    /// Worker strategy.
    public var workerStrategy = WorkerStrategy.open
    /// Listed workers (full and partitioned strategies).
    public var workerIDs: [String] = []
    /// Weights per worker (partitioned).
    public var workerWeights: [String: Int] = [:]
    /// Workers per input (partitioned).
    public var workersPerInput = 1
    /// Restrict work to a worker group.
    public var workerGroup: String?
    /// Review strategy.
    public var reviewStrategy = ReviewStrategy.none
    /// Equal answers needed for automatic approval (consensus).
    public var approvalThreshold = 2
    /// Share of tasks sent to review (manual), 0…1.
    public var samplePercentage = 1.0
    /// Confidence under which a reviewer decides (aggregate), 0…1.
    public var minConfidence = 0.9
    /// Results beyond the overlap the aggregate strategy may ask for before a reviewer decides.
    public var maxExtraResults = 1
    /// Reviewers.
    public var reviewerIDs: [String] = []
    /// Where and how events are delivered.
    public var callback = CallbackSettings()

    /// Results each task needs: the overlap, or as many as the strategy assigns to every task.
    public var effectiveOverlap: Int {
        switch workerStrategy {
        case .open: overlap
        case .full: Set(workerIDs).count
        case .partitioned: min(workersPerInput, Set(workerIDs).count)
        }
    }

    /// How tasks are split among listed workers (full: every worker takes every task).
    public var partition: WorkerPartition? {
        switch workerStrategy {
        case .open: nil
        case .full: WorkerPartition(workerIDs: workerIDs, weights: [:], workersPerInput: Set(workerIDs).count)
        case .partitioned:
            WorkerPartition(workerIDs: workerIDs, weights: workerWeights, workersPerInput: workersPerInput)
        }
    }

    /// Whether a worker with `groups` may take this project's live tasks: in the project's group if
    /// it has one, and listed when the strategy names its workers (the work queue's own filter).
    public func admitsWorker(_ workerID: String, groups: [String]) -> Bool {
        if let workerGroup, !groups.contains(workerGroup) { return false }
        return workerStrategy == .open || workerIDs.contains(workerID)
    }

    /// The defaults.
    public init() {}

    /// Parses and checks `settings`, naming the offending field on error.
    public static func parse(_ object: JSONObject, path: String = "/settings") throws(DomainError) -> WorkflowSettings {
        var settings = WorkflowSettings()
        var reader = FieldReader(object, path: path)
        settings.overlap = try reader.int("overlap", in: 1...100) ?? settings.overlap
        settings.maxResultsPerWorker = try reader.int("max_results_per_worker", in: 1...100) ?? 1
        settings.maxWorkTime = try reader.int("max_work_time", in: 10...604_800) ?? settings.maxWorkTime
        settings.maxReviewTime = try reader.int("max_review_time", in: 60...31_536_000) ?? settings.maxReviewTime
        settings.paymentPerResult = try reader.double("payment_per_result", in: 0...1_000_000) ?? 0
        if let workers = try reader.object("workers") {
            var inner = FieldReader(workers, path: reader.pointer("workers"))
            settings.workerStrategy = try inner.choice("strategy", WorkerStrategy.self) ?? .open
            settings.workerIDs = try inner.stringArray("user_ids", maxCount: 10_000, maxLength: 64) ?? []
            if let weights = try inner.object("weights") {
                for (userID, weight) in weights {
                    guard let value = weight.intValue, (1...1_000_000).contains(value) else {
                        throw DomainError.invalidField(
                            inner.pointer("weights") + "/" + userID, "must be an integer between 1 and 1000000")
                    }
                    settings.workerWeights[userID] = Int(value)
                }
            }
            settings.workersPerInput = try inner.int("workers_per_input", in: 1...100) ?? 1
            settings.workerGroup = try inner.string("group", maxLength: 200, allowEmpty: false)
            try inner.rejectUnknownFields()
            if settings.workerStrategy == .partitioned, !settings.workerIDs.isEmpty,
                settings.workersPerInput > Set(settings.workerIDs).count
            {
                throw DomainError.invalidField(
                    inner.pointer("workers_per_input"), "must not exceed the number of user_ids")
            }
            if let unknown = settings.workerWeights.keys.sorted().first(where: { !settings.workerIDs.contains($0) }) {
                throw DomainError.invalidField(inner.pointer("weights") + "/" + unknown, "is not one of user_ids")
            }
            if settings.workerStrategy != .open && settings.workerIDs.isEmpty {
                throw DomainError.invalidField(
                    inner.pointer("user_ids"), "is required for the \(settings.workerStrategy.rawValue) strategy")
            }
        }
        if let review = try reader.object("review") {
            var inner = FieldReader(review, path: reader.pointer("review"))
            settings.reviewStrategy = try inner.choice("strategy", ReviewStrategy.self) ?? .none
            settings.approvalThreshold = try inner.int("approval_threshold", in: 1...100) ?? 2
            settings.samplePercentage = try inner.double("sample_percentage", in: 0...1) ?? 1
            settings.minConfidence = try inner.double("min_confidence", in: 0...1) ?? 0.9
            settings.maxExtraResults = try inner.int("max_extra_results", in: 0...20) ?? 1
            settings.reviewerIDs = try inner.stringArray("user_ids", maxCount: 10_000, maxLength: 64) ?? []
            try inner.rejectUnknownFields()
        }
        if let callback = try reader.object("callback") {
            settings.callback = try CallbackSettings.parse(callback, path: reader.pointer("callback"))
        }
        try reader.rejectUnknownFields()
        return settings
    }
}
