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
        var model: DawidSkeneModel
    }

    private let store: Store
    /// Each project's model and the judgment count it was fitted on.
    private let cache = Mutex<[String: (model: CategoricalAnswerModel, fittedOn: Int)]>([:])

    /// Models kept for `store`'s projects.
    public init(store: Store) { self.store = store }

    /// The model for a project using the aggregate strategy on categorization answers; nil otherwise.
    public func model(for project: Project) async throws -> (any AnswerModel)? {
        guard let categories = Self.categories(of: project),
            (try? WorkflowSettings.parse(project.settings))?.reviewStrategy == .aggregate
        else { return nil }
        return try await categoricalModel(projectID: project.id, categories: categories)
    }

    /// The fitted model (or the cold-start one) of a project with these categories.
    public func categoricalModel(projectID: String, categories: [String]) async throws -> CategoricalAnswerModel {
        if let cached = cache.withLock({ $0[projectID] }), cached.model.categories == categories { return cached.model }
        var model = CategoricalAnswerModel.coldStart(categories: categories)
        var fittedOn = 0
        if let (text, judgments) = try await store.answerModel(projectID: projectID),
            let stored = try? JSONDecoder().decode(Stored.self, from: Data(text.utf8)), stored.categories == categories
        {
            model = CategoricalAnswerModel(categories: categories, workers: stored.workers, model: stored.model)
            fittedOn = judgments
        }
        cache.withLock { $0[projectID] = (model, fittedOn) }
        return model
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
            try await refit(projectID: project.id, categories: categories, now: now)
            refitted += 1
        }
        return refitted
    }

    /// Fits a project's model on all its judgments, warm-started from the current one, and stores it.
    public func refit(projectID: String, categories: [String], now: Timestamp) async throws {
        let previous = try await categoricalModel(projectID: projectID, categories: categories)
        let rows = try await store.judgments(projectID: projectID)
        var workers = previous.workerIndex.sorted { $0.value < $1.value }.map(\.key)
        var workerIndex = previous.workerIndex
        var taskIndex: [String: Int32] = [:]
        var judgments: [Judgment] = []
        judgments.reserveCapacity(rows.count)
        for row in rows {
            guard let answer = try? JSONParser.parse(row.answer), let label = previous.label(of: answer) else { continue }
            let worker = workerIndex[row.workerID] ?? {
                let index = Int32(workers.count)
                workers.append(row.workerID)
                workerIndex[row.workerID] = index
                return index
            }()
            let task = taskIndex[row.taskID] ?? {
                let index = Int32(taskIndex.count)
                taskIndex[row.taskID] = index
                return index
            }()
            judgments.append(Judgment(task: task, worker: worker, label: label))
        }
        guard !judgments.isEmpty else { return }
        let warmStart = previous.model.workerCount > 0 ? previous.model : nil
        let (model, _) = DawidSkene().fit(
            judgments, taskCount: taskIndex.count, workerCount: workers.count, classCount: categories.count,
            warmStart: warmStart)
        let fitted = CategoricalAnswerModel(categories: categories, workers: workers, model: model)
        let text = String(decoding: try JSONEncoder().encode(Stored(categories: categories, workers: workers, model: model)), as: UTF8.self)
        try await store.saveAnswerModel(projectID: projectID, model: text, judgments: rows.count, now: now)
        cache.withLock { $0[projectID] = (fitted, rows.count) }
    }

    /// The categories of a categorization project (its `params.categories`), if it has at least two.
    static func categories(of project: Project) -> [String]? {
        let categories = AnswerRules.categories(data: [:], params: project.params)
        return project.type == "categorization" && categories.count >= 2 ? categories : nil
    }
}
