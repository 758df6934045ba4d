/// One submitted result of the current round, as the completion policy sees it.
public struct ResultAnswer: Sendable, Equatable {
    /// The assignment that produced it.
    public var assignmentID: String
    /// The worker who gave it.
    public var workerID: String
    /// The answer.
    public var answer: JSONValue

    /// A result.
    public init(assignmentID: String, workerID: String, answer: JSONValue) {
        self.assignmentID = assignmentID
        self.workerID = workerID
        self.answer = answer
    }
}

/// The final (or, for review, provisional) answer of a task and how much it can be trusted.
public struct TaskOutcome: Sendable, Equatable {
    /// The chosen answer.
    public var answer: JSONValue
    /// Probability that the answer is right: a model posterior, or the share of results agreeing.
    public var confidence: Double
    /// Share of results equal to the answer.
    public var agreement: Double
    /// How it was chosen: `single`, `majority`, `consensus`, `dawid_skene`, `reviewer`, `auto_approved`.
    public var method: String

    /// An outcome.
    public init(answer: JSONValue, confidence: Double, agreement: Double, method: String) {
        self.answer = answer
        self.confidence = confidence
        self.agreement = agreement
        self.method = method
    }
}

/// What happens to a task once it has all the results it asked for.
public enum CompletionDecision: Sendable, Equatable {
    /// Approve the results and complete the task with this outcome.
    case complete(TaskOutcome)
    /// A reviewer decides; the outcome is what the reviewer is shown.
    case review(TaskOutcome)
    /// Ask one more worker before deciding.
    case oneMoreResult
}

/// Scores categorical answers with a statistical model: the most probable answer and its posterior.
public protocol AnswerModel: Sendable {
    /// The most probable answer among (or beyond) `results` and its probability, or nil if the
    /// answers are not of the kind the model understands.
    func mostProbable(_ results: [ResultAnswer]) -> (answer: JSONValue, probability: Double)?
}

/// Decides, from a project's review strategy, whether a task with all its results completes, goes
/// to a reviewer or needs one more result. Pure: the caller loads the results and applies the decision.
public struct CompletionPolicy: Sendable {
    /// The project's settings.
    public var settings: WorkflowSettings

    /// A policy for `settings`.
    public init(settings: WorkflowSettings) { self.settings = settings }

    /// The decision for a task with `results`; `extraResults` is how many results beyond the
    /// overlap were already asked for; `model` scores answers for the aggregate strategy.
    public func decide(taskID: String, results: [ResultAnswer], extraResults: Int, model: (any AnswerModel)?)
        -> CompletionDecision
    {
        let vote = Self.majority(results)
        switch settings.reviewStrategy {
        case .none:
            return .complete(vote)
        case .manual:
            return Self.isSampled(taskID: taskID, share: settings.samplePercentage) ? .review(vote) : .complete(vote)
        case .consensus:
            let agreeing = Int((vote.agreement * Double(results.count)).rounded())
            guard agreeing >= settings.approvalThreshold else { return .review(vote) }
            var outcome = vote
            outcome.method = "consensus"
            return .complete(outcome)
        case .aggregate:
            var outcome = vote
            if let model, let scored = model.mostProbable(results) {
                outcome.answer = scored.answer
                outcome.confidence = scored.probability
                outcome.agreement =
                    Double(results.filter { $0.answer == scored.answer }.count) / Double(max(1, results.count))
                outcome.method = "dawid_skene"
            }
            if outcome.confidence >= settings.minConfidence { return .complete(outcome) }
            return extraResults < settings.maxExtraResults ? .oneMoreResult : .review(outcome)
        }
    }

    /// The most common answer (the earliest among equally common ones); confidence is the
    /// Laplace-smoothed share of agreeing results so that one lone result is not "certain".
    public static func majority(_ results: [ResultAnswer]) -> TaskOutcome {
        guard let first = results.first else {
            return TaskOutcome(answer: .null, confidence: 0, agreement: 0, method: "majority")
        }
        var counts: [JSONValue: Int] = [:]
        for result in results { counts[result.answer, default: 0] += 1 }
        let top = counts.values.max() ?? 1
        let answer = results.first { counts[$0.answer] == top }?.answer ?? first.answer
        let total = Double(results.count)
        return TaskOutcome(
            answer: answer, confidence: (Double(top) + 1) / (total + 2), agreement: Double(top) / total,
            method: results.count == 1 ? "single" : "majority")
    }

    /// Whether a task falls in the reviewed sample: a stable hash of its id against `share`.
    public static func isSampled(taskID: String, share: Double) -> Bool {
        guard share < 1 else { return true }
        let key = WorkerPartition.key(forTaskID: "review:" + taskID)
        return Double(key) < share * Double(WorkerPartition.keySpace)
    }
}
