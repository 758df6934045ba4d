/// Scores multi-label categorization answers (`{"category": ["a", "c"]}`) by binary relevance:
/// each category is its own "applies / does not apply" question with a binary Dawid–Skene model,
/// so every worker has a sensitivity and a specificity per category. A category is in the answer
/// when its posterior is at least one half; the answer's probability is the product of the
/// per-category certainties.
public struct MultiLabelAnswerModel: AnswerModel, Equatable {
    /// The categories; model `i` is category `i`'s.
    public var categories: [String]
    /// Workers the models know, by user id → index into their matrices.
    public var workerIndex: [String: Int32]
    /// One binary model per category.
    public var models: [DawidSkeneModel]

    /// Models over `categories` for the workers in `workers` (in index order).
    public init(categories: [String], workers: [String], models: [DawidSkeneModel]) {
        self.categories = categories
        self.workerIndex = Dictionary(uniqueKeysWithValues: workers.enumerated().map { ($1, Int32($0)) })
        self.models = models
    }

    /// Before any fit: every worker right about every category with probability `accuracy`.
    public static func coldStart(categories: [String], accuracy: Double = 0.8) -> MultiLabelAnswerModel {
        let binary = DawidSkeneModel(
            classPriors: [0.5, 0.5], workerConfusion: [],
            pooledConfusion: [accuracy, 1 - accuracy, 1 - accuracy, accuracy])
        return MultiLabelAnswerModel(
            categories: categories, workers: [], models: Array(repeating: binary, count: categories.count))
    }

    /// The category indexes an answer names, if it is a list of known categories.
    public func labels(of answer: JSONValue) -> Set<Int32>? {
        guard let chosen = answer.objectValue?["category"] else { return nil }
        let names = chosen.arrayValue?.compactMap(\.stringValue) ?? chosen.stringValue.map { [$0] } ?? []
        var labels = Set<Int32>()
        for name in names {
            guard let index = categories.firstIndex(of: name) else { return nil }
            labels.insert(Int32(index))
        }
        return labels
    }

    public func mostProbable(_ results: [ResultAnswer]) -> (answer: JSONValue, probability: Double)? {
        var answers: [(worker: Int32, labels: Set<Int32>)] = []
        for result in results {
            guard let labels = labels(of: result.answer) else { return nil }
            answers.append((workerIndex[result.workerID] ?? -1, labels))
        }
        guard !answers.isEmpty else { return nil }
        var chosen: [String] = []
        var probability = 1.0
        var best: (index: Int, applies: Double) = (0, -1)
        for (index, model) in models.enumerated() {
            let votes = answers.map { (worker: $0.worker, label: Int32($0.labels.contains(Int32(index)) ? 1 : 0)) }
            let applies = model.posterior(for: votes)[1]
            if applies >= 0.5 { chosen.append(categories[index]) }
            probability *= max(applies, 1 - applies)
            if applies > best.applies { best = (index, applies) }
        }
        // An answer names at least one category: the likeliest one when none reaches a half.
        if chosen.isEmpty { chosen = [categories[best.index]] }
        return (["category": .array(chosen.map(JSONValue.string))], probability)
    }

    /// The mean over categories of a worker's expected accuracy.
    public func estimatedAccuracy(of workerID: String) -> Double {
        guard !models.isEmpty else { return 0 }
        let worker = workerIndex[workerID] ?? -1
        return models.map { $0.expectedAccuracy(ofWorker: worker) }.reduce(0, +) / Double(models.count)
    }
}
