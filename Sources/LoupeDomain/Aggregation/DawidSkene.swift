/// Full-confusion Dawid–Skene EM with shrinkage of each worker's confusion counts.
///
/// Each iteration is one M-step (priors and confusion matrices from the current posteriors,
/// see `ShrinkageTarget`) followed by one log-space E-step, O(N·K) each. A cold start begins
/// from soft majority vote (vote fractions); a warm start from the posteriors of a previous
/// model. Iteration stops when the log-likelihood gain per judgment falls below `tolerance`
/// (or turns negative), or after `maxIterations`. Each task's label is its posterior argmax,
/// so vote ties are resolved by worker reliability; exact posterior ties go to the lower label.
public struct DawidSkene: Sendable {
    /// Pseudo-judgments per true class pulling each worker's confusion row toward `target`.
    public let shrinkage: Double
    /// What the confusion counts are shrunk toward.
    public let target: ShrinkageTarget
    /// Upper bound on EM iterations.
    public let maxIterations: Int
    /// Stop when the log-likelihood gain per judgment (nats) is below this.
    public let tolerance: Double

    /// Creates a configuration; `shrinkage` defaults to `target.recommendedShrinkage`.
    /// `DawidSkene(target: .pooledConfusion)` is the REPORT.md §7 recipe (s = 5); the default
    /// `.workerSkill` target was more accurate on fresh-seed validation data.
    public init(
        shrinkage: Double? = nil,
        target: ShrinkageTarget = .workerSkill,
        maxIterations: Int = 100,
        tolerance: Double = 1e-5
    ) {
        let shrinkage = shrinkage ?? target.recommendedShrinkage
        precondition(shrinkage > 0, "shrinkage must be positive: it keeps every probability above zero")
        precondition(maxIterations >= 1, "at least one iteration is needed")
        self.shrinkage = shrinkage
        self.target = target
        self.maxIterations = maxIterations
        self.tolerance = tolerance
    }

    /// Fits the model and labels every task.
    ///
    /// - Parameter warmStart: a previous model (e.g. from the last periodic refit) whose
    ///   posteriors seed EM; workers it does not know start from its pooled matrix, and its
    ///   class count must equal `classCount`.
    /// - Returns: the fitted model and the labels, max-posterior confidences, per-worker
    ///   expected accuracies and the number of iterations run.
    public func fit(
        _ judgments: [Judgment],
        taskCount: Int,
        workerCount: Int,
        classCount: Int,
        warmStart: DawidSkeneModel? = nil
    ) -> (DawidSkeneModel, AggregateResult) {
        let index = TaskIndex(judgments, taskCount: taskCount, workerCount: workerCount, classCount: classCount)
        var posteriors: [Double]
        if let warmStart {
            precondition(warmStart.classCount == classCount, "warm-start model has a different class count")
            posteriors = [Double](repeating: 0, count: taskCount * classCount)
            _ = LogLikelihoodTable(warmStart, workerCount: workerCount).computePosteriors(index, into: &posteriors)
        } else {
            posteriors = Self.softMajorityVote(index)
        }

        var model: DawidSkeneModel
        var previousLogLikelihood = -Double.infinity
        var iterations = 0
        repeat {
            iterations += 1
            model = DawidSkeneModel(estimatingFrom: posteriors, index: index, shrinkage: shrinkage, target: target)
            let table = LogLikelihoodTable(model, workerCount: workerCount)
            let logLikelihood = table.computePosteriors(index, into: &posteriors) / Double(max(index.count, 1))
            let gain = logLikelihood - previousLogLikelihood
            previousLogLikelihood = logLikelihood
            if gain < tolerance { break }
        } while iterations < maxIterations

        let result = Self.result(posteriors: posteriors, index: index, model: model, iterations: iterations)
        return (model, result)
    }

    /// Initial posteriors: each task's vote fractions (tasks without judgments stay all-zero,
    /// which the M-step ignores).
    private static func softMajorityVote(_ index: TaskIndex) -> [Double] {
        let classes = index.classCount
        var fractions = [Double](repeating: 0, count: index.taskCount * classes)
        for task in 0..<index.taskCount where index.hasJudgments(task) {
            let share = 1 / Double(index.offsets[task + 1] - index.offsets[task])
            for position in index.offsets[task]..<index.offsets[task + 1] {
                fractions[task * classes + Int(index.labels[position])] += share
            }
        }
        return fractions
    }

    /// Labels as posterior argmax (lowest label on exact ties), confidence as max posterior.
    private static func result(
        posteriors: [Double], index: TaskIndex, model: DawidSkeneModel, iterations: Int
    ) -> AggregateResult {
        let classes = index.classCount
        var labels = [Int32](repeating: -1, count: index.taskCount)
        var confidence = [Double](repeating: 0, count: index.taskCount)
        for task in 0..<index.taskCount where index.hasJudgments(task) {
            var best = 0
            for label in 1..<classes where posteriors[task * classes + label] > posteriors[task * classes + best] {
                best = label
            }
            labels[task] = Int32(best)
            confidence[task] = posteriors[task * classes + best]
        }
        let accuracy = (0..<index.workerCount).map { model.expectedAccuracy(ofWorker: Int32($0)) }
        return AggregateResult(labels: labels, confidence: confidence, workerAccuracy: accuracy, iterations: iterations)
    }
}
