/// One worker's answer to a multi-label task: the set of labels they selected (possibly empty).
public struct LabelSetJudgment: Sendable, Hashable {
    /// Index of the task that was answered.
    public var task: Int32
    /// Index of the worker who answered.
    public var worker: Int32
    /// Indices (`0 ..< labelCount`) of the labels the worker selected; duplicates are ignored.
    public var labels: [Int32]

    /// Creates a label-set judgment from dense indices.
    public init(task: Int32, worker: Int32, labels: [Int32]) {
        self.task = task
        self.worker = worker
        self.labels = labels
    }
}

/// The outcome of multi-label aggregation.
public struct MultiLabelResult: Sendable {
    /// Per task, the selected labels in ascending order (empty for a task without judgments).
    public var labelSets: [[Int32]]
    /// Per task and label, the posterior probability that the label applies
    /// (`probabilities[task][label]`; 0 for a task without judgments).
    public var probabilities: [[Double]]
}

/// Multi-label aggregation by binary relevance: every label is an independent binary
/// "applies / does not apply" question answered by every worker who saw the task, aggregated
/// with binary Dawid–Skene, so each worker gets a separate sensitivity and specificity per label.
public enum MultiLabel {
    /// Aggregates label sets; a label is selected when its posterior is at least `threshold`.
    /// Runs one binary fit of `dawidSkene` per label. Traps on a label outside `0 ..< labelCount`.
    public static func aggregate(
        _ judgments: [LabelSetJudgment],
        taskCount: Int,
        workerCount: Int,
        labelCount: Int,
        threshold: Double = 0.5,
        using dawidSkene: DawidSkene = DawidSkene()
    ) -> MultiLabelResult {
        for judgment in judgments {
            precondition(judgment.labels.allSatisfy { $0 >= 0 && Int($0) < labelCount }, "label out of range")
        }
        var labelSets = [[Int32]](repeating: [], count: taskCount)
        var probabilities = [[Double]](repeating: [Double](repeating: 0, count: labelCount), count: taskCount)
        for label in 0..<labelCount {
            let binary = judgments.map { judgment in
                Judgment(
                    task: judgment.task, worker: judgment.worker, label: judgment.labels.contains(Int32(label)) ? 1 : 0)
            }
            let (_, result) = dawidSkene.fit(binary, taskCount: taskCount, workerCount: workerCount, classCount: 2)
            for task in 0..<taskCount where result.labels[task] >= 0 {
                let applies = result.labels[task] == 1 ? result.confidence[task] : 1 - result.confidence[task]
                probabilities[task][label] = applies
                if applies >= threshold { labelSets[task].append(Int32(label)) }
            }
        }
        return MultiLabelResult(labelSets: labelSets, probabilities: probabilities)
    }
}
