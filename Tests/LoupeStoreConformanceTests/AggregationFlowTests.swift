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
    static func answer(_ store: Store, _ models: AnswerModels, project: Project, org: String, worker: String, fixed: String?)
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

    @Test func theModelLearnsWhomToTrustAndStopsAskingForMore() async throws {
        try await TestDatabase.withStore { (store: Store) async throws in
            let org = try await Fixtures.organization(store)
            var project = try await Fixtures.project(
                store, org: org, name: "aggregate",
                settings: ["overlap": 3, "review": ["strategy": "aggregate", "min_confidence": 0.9, "max_extra_results": 1]])
            project = try await store.updateProject(id: project.id, organizationID: org) {
                $0.params = ["categories": ["x", "y", "z"]]
            }
            let models = AnswerModels(store: store)
            for index in 0..<60 {
                let task = try Fixtures.factory.makeTask(
                    TaskSpec(data: ["truth": .string(Self.categories[index % 3])]), project: project, testMode: false)
                try await Fixtures.add(store, task)
            }
            for worker in ["good-1", "good-2", "spammer", "good-3"] {
                while try await Self.answer(store, models, project: project, org: org, worker: worker,
                    fixed: worker == "spammer" ? "x" : nil) != nil {}
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
                _ = try await Self.answer(store, models, project: project, org: org, worker: worker, fixed: worker == "spammer" ? "x" : nil)
            }
            let done = try await store.task(id: fresh.id, organizationID: org)
            #expect(done?.status == .completed && done?.response?.text == #"{"category":"y"}"#)
            #expect(done?.outcome?.text.contains("dawid_skene") == true)
        }
    }
}
