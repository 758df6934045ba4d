import Foundation
import LoupeCore
import LoupeDomain
import LoupeStore
import LoupeTestSupport
import Testing

@Suite("Aggregate review strategy")
struct AggregationFlowTests {
    static let categories = ["x", "y", "z"]

    /// Claims the next task as `worker` and answers with the truth kept in its data, or `fixed`.
    static func answer(
        _ store: Store, _ models: AnswerModels, project: Project, org: String, worker: String, fixed: String?
    )
        async throws -> WorkTask?
    {
        guard let (assignment, task) = try await Fixtures.claim(store, org: org, worker: worker) else { return nil }
        let truth = (try JSONParser.parse(task.data.text)).objectValue?["truth"]?.stringValue ?? "x"
        let answer: JSONValue = ["category": .string(fixed ?? truth)]
        return try await store.submitAnswer(
            assignmentID: assignment.id, workerID: worker, answer: RawJSON(answer), now: .now(),
            model: try await models.model(for: project)
        ).1
    }

    /// A project with overlap 3 decided by the aggregate strategy (0.9 confidence, one extra result).
    static func aggregateProject(_ store: Store, org: String, name: String, params: JSONObject) async throws -> Project
    {
        let project = try await Fixtures.project(
            store, org: org, name: name,
            settings: [
                "overlap": 3, "review": ["strategy": "aggregate", "min_confidence": 0.9, "max_extra_results": 1],
            ])
        return try await store.updateProject(id: project.id, organizationID: org) { $0.params = params }
    }

    @Test func theModelLearnsWhomToTrustAndStopsAskingForMore() async throws {
        try await TestDatabase.withStore { (store: Store) async throws in
            let org = try await Fixtures.organization(store)
            let project = try await Self.aggregateProject(
                store, org: org, name: "aggregate", params: ["categories": ["x", "y", "z"]])
            let models = AnswerModels(store: store)
            for index in 0..<60 {
                let task = try Fixtures.factory.makeTask(
                    TaskSpec(data: ["truth": .string(Self.categories[index % 3])]), project: project, testMode: false)
                try await Fixtures.add(store, task)
            }
            for worker in ["good-1", "good-2", "spammer", "good-3"] {
                while try await Self.answer(
                    store, models, project: project, org: org, worker: worker,
                    fixed: worker == "spammer" ? "x" : nil) != nil
                {}
            }
            // Cold start: two against one is not 0.9 certain, so those tasks asked for a fourth result.
            #expect(try await store.statusCounts().tasks["completed"] == 60)
            let fourth = try await store.workerStats(organizationID: org, workerID: "good-3").first
            #expect(fourth?.approved == 40)
            #expect(try await models.refitDue(now: .now()) == 1)
            let fitted = try await models.categoricalModel(projectID: project.id, categories: Self.categories)
            #expect(fitted.estimatedAccuracy(of: "spammer") < 0.6)
            #expect(fitted.estimatedAccuracy(of: "good-1") > 0.9)
            // Fitted: the same split is now decided at once, without a fourth result.
            let fresh = try Fixtures.factory.makeTask(TaskSpec(data: ["truth": "y"]), project: project, testMode: false)
            try await Fixtures.add(store, fresh)
            for worker in ["good-1", "good-2", "spammer"] {
                _ = try await Self.answer(
                    store, models, project: project, org: org, worker: worker, fixed: worker == "spammer" ? "x" : nil)
            }
            let done = try await store.task(id: fresh.id, organizationID: org)
            #expect(done?.status == .completed && done?.response?.text == #"{"category":"y"}"#)
            #expect(done?.outcome?.text.contains("dawid_skene") == true)
        }
    }

    @Test func multiLabelAnswersAreAggregatedPerCategory() async throws {
        try await TestDatabase.withStore { (store: Store) async throws in
            let org = try await Fixtures.organization(store)
            let project = try await Self.aggregateProject(
                store, org: org, name: "multi", params: ["categories": ["x", "y", "z"], "allow_multiple": true])
            let models = AnswerModels(store: store)
            let truths: [[String]] = [["x"], ["y"], ["x", "z"], ["y", "z"]]
            for index in 0..<60 {
                let truth = JSONValue.array(truths[index % truths.count].map(JSONValue.string))
                try await Fixtures.add(
                    store,
                    try Fixtures.factory.makeTask(TaskSpec(data: ["truth": truth]), project: project, testMode: false))
            }
            func work(_ worker: String) async throws -> WorkTask? {
                guard let (assignment, task) = try await Fixtures.claim(store, org: org, worker: worker) else {
                    return nil
                }
                let truth = (try JSONParser.parse(task.data.text)).objectValue?["truth"] ?? []
                let answer: JSONValue = ["category": worker == "select-all" ? ["x", "y", "z"] : truth]
                return try await store.submitAnswer(
                    assignmentID: assignment.id, workerID: worker, answer: RawJSON(answer), now: .now(),
                    model: try await models.model(for: project)
                ).1
            }
            for worker in ["good-1", "good-2", "select-all", "good-3"] {
                while try await work(worker) != nil {}
            }
            // Cold start: the select-all worker's extra categories keep the joint certainty under 0.9,
            // so a fourth result was asked for and the undecided rest went to a reviewer.
            let counts = try await store.statusCounts().tasks
            #expect((counts["completed"] ?? 0) + (counts["in_review"] ?? 0) == 60)
            #expect(try await models.refitDue(now: .now()) == 1)
            let fitted = try await models.multiLabelModel(projectID: project.id, categories: ["x", "y", "z"])
            #expect(fitted.estimatedAccuracy(of: "select-all") < 0.7)
            #expect(fitted.estimatedAccuracy(of: "good-1") > 0.9)
            let fresh = try Fixtures.factory.makeTask(
                TaskSpec(data: ["truth": ["y"]]), project: project, testMode: false)
            try await Fixtures.add(store, fresh)
            for worker in ["good-1", "good-2", "select-all"] { _ = try await work(worker) }
            let done = try await store.task(id: fresh.id, organizationID: org)
            #expect(
                done?.status == .completed && done?.response?.text == #"{"category":["y"]}"#,
                "\(String(describing: done?.response))")
            #expect(done?.outcome?.text.contains("dawid_skene") == true)
        }
    }
}
