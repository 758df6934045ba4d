import Foundation
public import LoupeDomain
public import LoupeStore
import Synchronization

/// Per-project Dawid–Skene models for the `aggregate` review strategy.
///
/// Submits are scored incrementally: one task's posterior from the current model, O(results·K).
/// The model itself is refitted in the background (`refitDue`), warm-started from the last fit,
/// only when a project's judgments grew by a tenth since then — never on every submit.
public final class AnswerModels: Sendable {
    private struct Stored: Codable {
        var categories: [String]
        var workers: [String]
        /// The single-label model.
        var model: DawidSkeneModel?
        /// The multi-label models, one binary model per category.
        var labelModels: [DawidSkeneModel]?
    }

    private let store: Store
    /// Each project's model and the judgment count it was fitted on.
    private let cache = Mutex<[String: (model: any AnswerModel, fittedOn: Int)]>([:])

    /// Models kept for `store`'s projects.
    public init(store: Store) { self.store = store }

    /// The model for a project using the aggregate strategy on categorization answers (multi-label
    /// when its params allow several categories); nil otherwise.
    public func model(for project: Project) async throws -> (any AnswerModel)? {
        guard let categories = Self.categories(of: project),
            (try? WorkflowSettings.parse(project.settings))?.reviewStrategy == .aggregate
        else { return nil }
        if Self.allowsMultiple(project) {
            return try await multiLabelModel(projectID: project.id, categories: categories)
        }
        return try await categoricalModel(projectID: project.id, categories: categories)
    }

    /// The fitted model (or the cold-start one) of a single-label project with these categories.
    public func categoricalModel(projectID: String, categories: [String]) async throws -> CategoricalAnswerModel {
        if let cached = cache.withLock({ $0[projectID]?.model }) as? CategoricalAnswerModel,
            cached.categories == categories
        {
            return cached
        }
        var model = CategoricalAnswerModel.coldStart(categories: categories)
        let (stored, fittedOn) = try await storedModel(projectID: projectID, categories: categories)
        if let stored, let fitted = stored.model {
            model = CategoricalAnswerModel(categories: categories, workers: stored.workers, model: fitted)
        }
        cache.withLock { $0[projectID] = (model, stored?.model == nil ? 0 : fittedOn) }
        return model
    }

    /// The fitted models (or the cold-start ones) of a multi-label project with these categories.
    public func multiLabelModel(projectID: String, categories: [String]) async throws -> MultiLabelAnswerModel {
        if let cached = cache.withLock({ $0[projectID]?.model }) as? MultiLabelAnswerModel,
            cached.categories == categories
        {
            return cached
        }
        var model = MultiLabelAnswerModel.coldStart(categories: categories)
        let (stored, fittedOn) = try await storedModel(projectID: projectID, categories: categories)
        if let stored, let fitted = stored.labelModels, fitted.count == categories.count {
            model = MultiLabelAnswerModel(categories: categories, workers: stored.workers, models: fitted)
        }
        cache.withLock { $0[projectID] = (model, stored?.labelModels == nil ? 0 : fittedOn) }
        return model
    }

    private func storedModel(projectID: String, categories: [String]) async throws -> (Stored?, Int) {
        guard let (text, judgments) = try await store.answerModel(projectID: projectID),
            let stored = try? JSONDecoder().decode(Stored.self, from: Data(text.utf8)), stored.categories == categories
        else { return (nil, 0) }
        return (stored, judgments)
    }

    /// Refits every aggregate project whose judgments grew by a tenth (and at least 20) since its
    /// last fit; returns how many were refitted.
    @discardableResult
    public func refitDue(now: Timestamp) async throws -> Int {
        var refitted = 0
        for project in try await store.aggregateProjects() {
            guard let categories = Self.categories(of: project) else { continue }
            let count = try await store.judgmentCount(projectID: project.id)
            let fittedOn = try await store.answerModel(projectID: project.id)?.judgments ?? 0
            if cache.withLock({ $0[project.id]?.fittedOn }) != fittedOn {
                // Another node refitted: load its model on next use.
                cache.withLock { $0[project.id] = nil }
            }
            guard count >= fittedOn + max(20, fittedOn / 10) else { continue }
            if Self.allowsMultiple(project) {
                try await refitMultiLabel(projectID: project.id, categories: categories, now: now)
            } else {
                try await refit(projectID: project.id, categories: categories, now: now)
            }
            refitted += 1
        }
        return refitted
    }

    /// Fits a single-label project's model on all its judgments, warm-started from the current one, and stores it.
    public func refit(projectID: String, categories: [String], now: Timestamp) async throws {
        let previous = try await categoricalModel(projectID: projectID, categories: categories)
        let rows = try await store.judgments(projectID: projectID)
        var indexes = JudgmentIndexes(workers: previous.workerIndex)
        var judgments: [Judgment] = []
        judgments.reserveCapacity(rows.count)
        for row in rows {
            guard let answer = try? JSONParser.parse(row.answer), let label = previous.label(of: answer) else {
                continue
            }
            judgments.append(
                Judgment(task: indexes.task(row.taskID), worker: indexes.worker(row.workerID), label: label))
        }
        guard !judgments.isEmpty else { return }
        let warmStart = previous.model.workerCount > 0 ? previous.model : nil
        let (model, _) = DawidSkene().fit(
            judgments, taskCount: indexes.taskCount, workerCount: indexes.workers.count, classCount: categories.count,
            warmStart: warmStart)
        let fitted = CategoricalAnswerModel(categories: categories, workers: indexes.workers, model: model)
        try await save(
            Stored(categories: categories, workers: indexes.workers, model: model), fitted, projectID, rows.count, now)
    }

    /// The multi-label refit: one binary fit per category (binary relevance), each warm-started.
    public func refitMultiLabel(projectID: String, categories: [String], now: Timestamp) async throws {
        let previous = try await multiLabelModel(projectID: projectID, categories: categories)
        let rows = try await store.judgments(projectID: projectID)
        var indexes = JudgmentIndexes(workers: previous.workerIndex)
        var sets: [(task: Int32, worker: Int32, labels: Set<Int32>)] = []
        for row in rows {
            guard let answer = try? JSONParser.parse(row.answer), let labels = previous.labels(of: answer) else {
                continue
            }
            sets.append((indexes.task(row.taskID), indexes.worker(row.workerID), labels))
        }
        guard !sets.isEmpty else { return }
        var models: [DawidSkeneModel] = []
        for label in categories.indices {
            let binary = sets.map {
                Judgment(task: $0.task, worker: $0.worker, label: $0.labels.contains(Int32(label)) ? 1 : 0)
            }
            let warmStart = previous.models[label].workerCount > 0 ? previous.models[label] : nil
            models.append(
                DawidSkene().fit(
                    binary, taskCount: indexes.taskCount, workerCount: indexes.workers.count, classCount: 2,
                    warmStart: warmStart
                ).0)
        }
        let fitted = MultiLabelAnswerModel(categories: categories, workers: indexes.workers, models: models)
        try await save(
            Stored(categories: categories, workers: indexes.workers, labelModels: models), fitted, projectID,
            rows.count, now)
    }

    private func save(
        _ stored: Stored, _ fitted: any AnswerModel, _ projectID: String, _ judgments: Int, _ now: Timestamp
    )
        async throws
    {
        let text = String(decoding: try JSONEncoder().encode(stored), as: UTF8.self)
        try await store.saveAnswerModel(projectID: projectID, model: text, judgments: judgments, now: now)
        cache.withLock { $0[projectID] = (fitted, judgments) }
    }

    /// Whether a project's answers are label sets (`params.allow_multiple`).
    static func allowsMultiple(_ project: Project) -> Bool { project.params["allow_multiple"]?.boolValue ?? false }

    /// The categories of a categorization project (its `params.categories`), if it has at least two.
    static func categories(of project: Project) -> [String]? {
        let categories = AnswerRules.categories(data: [:], params: project.params)
        return project.type == "categorization" && categories.count >= 2 ? categories : nil
    }
}

/// Dense indexes for workers (continuing a model's) and tasks, as the fits need them.
private struct JudgmentIndexes {
    private(set) var workers: [String]
    private var workerIndex: [String: Int32]
    private var taskIndex: [String: Int32] = [:]

    init(workers known: [String: Int32]) {
        workerIndex = known
        workers = known.sorted { $0.value < $1.value }.map(\.key)
    }

    var taskCount: Int { taskIndex.count }

    mutating func worker(_ id: String) -> Int32 {
        if let index = workerIndex[id] { return index }
        let index = Int32(workers.count)
        workers.append(id)
        workerIndex[id] = index
        return index
    }

    mutating func task(_ id: String) -> Int32 {
        if let index = taskIndex[id] { return index }
        let index = Int32(taskIndex.count)
        taskIndex[id] = index
        return index
    }
}
