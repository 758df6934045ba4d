/// One worker's answer to one task. All three fields are dense, zero-based indices:
/// `task < taskCount`, `worker < workerCount`, `label < classCount`.
public struct Judgment: Sendable, Hashable {
    /// Index of the task that was answered.
    public var task: Int32
    /// Index of the worker who answered.
    public var worker: Int32
    /// Index of the class the worker chose.
    public var label: Int32

    /// Creates a judgment from dense indices.
    public init(task: Int32, worker: Int32, label: Int32) {
        self.task = task
        self.worker = worker
        self.label = label
    }
}

/// The outcome of aggregating judgments: one consensus label per task and one score per worker.
public struct AggregateResult: Sendable {
    /// Consensus label per task, or -1 for a task without judgments.
    public var labels: [Int32]
    /// Per task, the model's probability that `labels[t]` is right (max posterior for
    /// Dawid–Skene, winning vote fraction for majority vote); 0 for a task without judgments.
    public var confidence: [Double]
    /// Per worker, the estimated probability of answering correctly. Dawid–Skene: expected
    /// accuracy Σ_c p_c·e_w[c, c]; majority vote: agreement rate with the consensus labels
    /// (NaN for a worker without judgments).
    public var workerAccuracy: [Double]
    /// Number of EM iterations run (0 for majority vote).
    public var iterations: Int

    /// Creates a result from its parts.
    public init(labels: [Int32], confidence: [Double], workerAccuracy: [Double], iterations: Int) {
        self.labels = labels
        self.confidence = confidence
        self.workerAccuracy = workerAccuracy
        self.iterations = iterations
    }
}
