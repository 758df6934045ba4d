/// Judgments grouped by task in compressed-sparse-row form: the answers to task `t` are at
/// positions `offsets[t] ..< offsets[t + 1]` of `workers` and `labels`, in input order.
struct TaskIndex: Sendable {
    /// Number of tasks T (including tasks without judgments).
    let taskCount: Int
    /// Number of workers W (including workers without judgments).
    let workerCount: Int
    /// Number of classes K.
    let classCount: Int
    /// Start of each task's judgments; `offsets[taskCount]` is the number of judgments.
    let offsets: [Int]
    /// Worker of each judgment, grouped by task.
    let workers: [Int32]
    /// Answered label of each judgment, grouped by task.
    let labels: [Int32]

    /// Number of judgments.
    var count: Int { workers.count }

    /// Groups `judgments` by task with a stable counting sort (O(N + T)).
    /// Traps on an index outside `0 ..< taskCount`, `0 ..< workerCount` or `0 ..< classCount`.
    init(_ judgments: [Judgment], taskCount: Int, workerCount: Int, classCount: Int) {
        precondition(classCount >= 2, "at least two classes are needed")
        var offsets = [Int](repeating: 0, count: taskCount + 1)
        for judgment in judgments {
            precondition(judgment.task >= 0 && Int(judgment.task) < taskCount, "task index out of range")
            precondition(judgment.worker >= 0 && Int(judgment.worker) < workerCount, "worker index out of range")
            precondition(judgment.label >= 0 && Int(judgment.label) < classCount, "label out of range")
            offsets[Int(judgment.task) + 1] += 1
        }
        for task in 0..<taskCount {
            offsets[task + 1] += offsets[task]
        }
        var cursor = offsets
        var workers = [Int32](repeating: 0, count: judgments.count)
        var labels = [Int32](repeating: 0, count: judgments.count)
        for judgment in judgments {
            let position = cursor[Int(judgment.task)]
            workers[position] = judgment.worker
            labels[position] = judgment.label
            cursor[Int(judgment.task)] = position + 1
        }
        self.taskCount = taskCount
        self.workerCount = workerCount
        self.classCount = classCount
        self.offsets = offsets
        self.workers = workers
        self.labels = labels
    }

    /// Whether task `t` has at least one judgment.
    func hasJudgments(_ task: Int) -> Bool {
        offsets[task + 1] > offsets[task]
    }

    /// Per worker, the fraction of their judgments whose label equals the task's consensus
    /// label; NaN for a worker without judgments.
    func agreementRates(with consensus: [Int32]) -> [Double] {
        var agreed = [Double](repeating: 0, count: workerCount)
        var answered = [Double](repeating: 0, count: workerCount)
        for task in 0..<taskCount {
            for position in offsets[task]..<offsets[task + 1] {
                let worker = Int(workers[position])
                answered[worker] += 1
                if labels[position] == consensus[task] { agreed[worker] += 1 }
            }
        }
        return zip(agreed, answered).map { $1 > 0 ? $0 / $1 : .nan }
    }
}
