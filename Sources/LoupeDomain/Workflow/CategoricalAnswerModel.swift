/// Scores categorization answers (`{"category": "…"}`) with a Dawid–Skene model: each worker's
/// confusion matrix weighs their vote, so two reliable workers outvote three careless ones, and the
/// posterior is a calibrated confidence.
public struct CategoricalAnswerModel: AnswerModel, Equatable {
    /// The categories; a label is an index into this list.
    public var categories: [String]
    /// Workers the model knows, by user id → index into the model's matrices.
    public var workerIndex: [String: Int32]
    /// The fitted parameters.
    public var model: DawidSkeneModel

    /// A model over `categories` for the workers in `workers` (in index order).
    public init(categories: [String], workers: [String], model: DawidSkeneModel) {
        self.categories = categories
        self.workerIndex = Dictionary(uniqueKeysWithValues: workers.enumerated().map { ($1, Int32($0)) })
        self.model = model
    }

    /// Before any fit: uniform priors and every worker right with probability `accuracy`, wrong
    /// answers spread evenly. Unanimous answers are then confident, splits are not.
    public static func coldStart(categories: [String], accuracy: Double = 0.8) -> CategoricalAnswerModel {
        let count = categories.count
        let wrong = (1 - accuracy) / Double(max(1, count - 1))
        var pooled: [Double] = []
        for trueClass in 0..<count {
            for answer in 0..<count { pooled.append(trueClass == answer ? accuracy : wrong) }
        }
        let model = DawidSkeneModel(
            classPriors: Array(repeating: 1 / Double(count), count: count), workerConfusion: [], pooledConfusion: pooled
        )
        return CategoricalAnswerModel(categories: categories, workers: [], model: model)
    }

    /// The label index of a categorization answer, if it names one of the categories.
    public func label(of answer: JSONValue) -> Int32? {
        guard let category = answer.objectValue?["category"]?.stringValue,
            let index = categories.firstIndex(of: category)
        else { return nil }
        return Int32(index)
    }

    public func mostProbable(_ results: [ResultAnswer]) -> (answer: JSONValue, probability: Double)? {
        var answers: [(worker: Int32, label: Int32)] = []
        for result in results {
            guard let label = label(of: result.answer) else { return nil }
            answers.append((workerIndex[result.workerID] ?? -1, label))
        }
        let posterior = model.posterior(for: answers)
        guard let best = posterior.indices.max(by: { posterior[$0] < posterior[$1] }) else { return nil }
        return (["category": .string(categories[best])], posterior[best])
    }

    /// The model's estimate of a worker's accuracy (the pooled one for unknown workers).
    public func estimatedAccuracy(of workerID: String) -> Double {
        model.expectedAccuracy(ofWorker: workerIndex[workerID] ?? -1)
    }
}
