import Foundation
import LoupeCore
import LoupeDomain
import LoupeStore
import LoupeTestSupport
import Testing

@Suite("Strategies, review and rework")
struct ReviewFlowTests {
    @Test func partitionedAndFullStrategiesOnlyServeListedWorkers() async throws {
        try await TestDatabase.withStore { (store: Store) async throws in
            let org = try await Fixtures.organization(store)
            let settings: JSONObject = [
                "workers": [
                    "strategy": "partitioned", "user_ids": ["a", "b", "c"], "weights": ["c": 2], "workers_per_input": 2,
                ]
            ]
            let project = try await Fixtures.project(store, org: org, name: "split", settings: settings)
            for _ in 0..<40 { try await Fixtures.add(store, try Fixtures.task(project)) }
            #expect(try await Fixtures.claim(store, org: org, worker: "outsider") == nil)
            var workersByTask: [String: Set<String>] = [:]
            let partition = try WorkflowSettings.parse(settings).partition!
            for worker in ["a", "b", "c"] {
                while let task = try await Fixtures.work(store, org: org, worker: worker, answer: #"{"category":"x"}"#)
                {
                    let key = WorkerPartition.key(forTaskID: task.id)
                    #expect(partition.ranges.first { $0.workerID == worker }!.contains(key))
                    workersByTask[task.id, default: []].insert(worker)
                }
            }
            #expect(workersByTask.count == 40 && workersByTask.values.allSatisfy { $0.count == 2 })
            #expect(try await store.statusCounts().tasks["completed"] == 40)
        }
    }

    @Test func groupsLimitWhoSeesAProject() async throws {
        try await TestDatabase.withStore { (store: Store) async throws in
            let org = try await Fixtures.organization(store)
            let project = try await Fixtures.project(
                store, org: org, name: "experts", settings: ["workers": ["group": "experts"]])
            _ = try await Fixtures.add(store, try Fixtures.task(project))
            #expect(
                try await store.claimNextTask(
                    Store.WorkRequest(organizationID: org, workerID: "novice", groups: ["novices"]),
                    assignmentID: Fixtures.ids.next(), now: .now()) == nil)
            #expect(
                try await store.claimNextTask(
                    Store.WorkRequest(organizationID: org, workerID: "expert", groups: ["experts"]),
                    assignmentID: Fixtures.ids.next(), now: .now()) != nil)
        }
    }

    @Test func consensusAgreementCompletesAndDisagreementGoesToAReviewer() async throws {
        try await TestDatabase.withStore { (store: Store) async throws in
            let org = try await Fixtures.organization(store)
            let settings: JSONObject = [
                "overlap": 3, "payment_per_result": 0.5, "review": ["strategy": "consensus", "approval_threshold": 2],
            ]
            let project = try await Fixtures.project(store, org: org, name: "consensus", settings: settings)
            let agreed = try await Fixtures.add(store, try Fixtures.task(project, priority: 2))
            let split = try await Fixtures.add(store, try Fixtures.task(project, priority: 1))
            var last: WorkTask?
            for (worker, answer) in [("w1", "cat"), ("w2", "dog"), ("w3", "cat")] {
                last = try await Fixtures.work(store, org: org, worker: worker, answer: #"{"category":"\#(answer)"}"#)
            }
            #expect(last?.id == agreed.id && last?.status == .completed)
            #expect(last?.response?.text == #"{"category":"cat"}"#)
            for (worker, answer) in [("w1", "cat"), ("w2", "dog"), ("w3", "bird")] {
                last = try await Fixtures.work(store, org: org, worker: worker, answer: #"{"category":"\#(answer)"}"#)
            }
            #expect(last?.id == split.id && last?.status == .inReview)
            #expect(
                try await store.claimReview(
                    organizationID: org, reviewerID: "w1", projectID: nil, reviewID: Fixtures.ids.next(), now: .now())
                    == nil)
            let (review, task, results) = try #require(
                try await store.claimReview(
                    organizationID: org, reviewerID: "boss", projectID: nil, reviewID: Fixtures.ids.next(), now: .now())
            )
            #expect(task.id == split.id && results.count == 3)
            let decided = try await store.decideReview(
                reviewID: review.id, reviewerID: "boss", verdicts: [:], answer: ["category": "bird"], now: .now())
            #expect(decided.status == .completed && decided.response?.text == #"{"category":"bird"}"#)
            let stats = try await store.workerStats(organizationID: org, workerID: "w3").first
            #expect(stats?.approved == 2 && stats?.earnings == 1.0 && stats?.agreement == 1.0)
            // Paid like the others, but its answers agreed with neither final one.
            let dissenter = try await store.workerStats(organizationID: org, workerID: "w2").first
            #expect(dissenter?.approved == 2 && dissenter?.earnings == 1.0 && dissenter?.agreement == 0)
        }
    }

    @Test func unreviewedResultsAreApprovedAfterTheReviewTime() async throws {
        try await TestDatabase.withStore { (store: Store) async throws in
            let org = try await Fixtures.organization(store)
            let settings: JSONObject = [
                "max_review_time": 3600, "review": ["strategy": "manual", "sample_percentage": 1],
            ]
            let project = try await Fixtures.project(store, org: org, name: "manual", settings: settings)
            _ = try await Fixtures.add(store, try Fixtures.task(project))
            let start = Timestamp.now()
            let task = try #require(
                try await Fixtures.work(store, org: org, worker: "w", answer: #"{"category":"a"}"#, now: start))
            #expect(task.status == .inReview)
            #expect(try await store.autoApproveDueReviews(now: start.adding(seconds: 3599)) == 0)
            #expect(try await store.autoApproveDueReviews(now: start.adding(seconds: 3601)) == 1)
            let done = try await store.task(id: task.id, organizationID: org)
            #expect(done?.status == .completed && done?.outcome?.text.contains("auto_approved") == true)
        }
    }

    @Test func rejectAndSendBackThenTheReviewerApproves() async throws {
        try await TestDatabase.withStore { (store: Store) async throws in
            let org = try await Fixtures.organization(store)
            let settings: JSONObject = ["overlap": 2, "review": ["strategy": "consensus", "approval_threshold": 2]]
            let project = try await Fixtures.project(store, org: org, name: "rework", settings: settings)
            _ = try await Fixtures.add(store, try Fixtures.task(project))
            let now = Timestamp.now()
            let (first, _) = try #require(try await Fixtures.claim(store, org: org, worker: "careless", now: now))
            _ = try await store.submitAnswer(
                assignmentID: first.id, workerID: "careless", answer: RawJSON(unchecked: #"{"category":"x"}"#), now: now
            )
            let (second, _) = try #require(try await Fixtures.claim(store, org: org, worker: "hasty", now: now))
            _ = try await store.submitAnswer(
                assignmentID: second.id, workerID: "hasty", answer: RawJSON(unchecked: #"{"category":"y"}"#), now: now)
            let (review, _, _) = try #require(
                try await store.claimReview(
                    organizationID: org, reviewerID: "boss", projectID: nil, reviewID: Fixtures.ids.next(), now: now))
            let afterReview = try await store.decideReview(
                reviewID: review.id, reviewerID: "boss",
                verdicts: [
                    first.id: .reject(reason: "wrong"),
                    second.id: .sendBack(reason: "look again", deadline: now.adding(seconds: 600)),
                ],
                answer: nil, now: now)
            #expect(afterReview.status == .inProgress)
            // The sent-back work comes back to the same worker, under the same assignment.
            let (redo, _) = try #require(try await Fixtures.claim(store, org: org, worker: "hasty", now: now))
            #expect(redo.id == second.id && redo.status == .sentBack && redo.feedback == "look again")
            _ = try await store.submitAnswer(
                assignmentID: redo.id, workerID: "hasty", answer: RawJSON(unchecked: #"{"category":"z"}"#), now: now)
            #expect(try await Fixtures.claim(store, org: org, worker: "careless", now: now) == nil)
            let fresh = try #require(
                try await Fixtures.work(store, org: org, worker: "third", answer: #"{"category":"z"}"#, now: now))
            #expect(fresh.status == .inReview)
            let (again, _, results) = try #require(
                try await store.claimReview(
                    organizationID: org, reviewerID: "boss", projectID: nil, reviewID: Fixtures.ids.next(), now: now))
            #expect(results.count == 2)
            let done = try await store.decideReview(
                reviewID: again.id, reviewerID: "boss", verdicts: [:], answer: nil, now: now)
            #expect(done.status == .completed && done.response?.text == #"{"category":"z"}"#)
            let careless = try await store.workerStats(organizationID: org, workerID: "careless").first
            let hasty = try await store.workerStats(organizationID: org, workerID: "hasty").first
            #expect(careless?.rejected == 1 && (careless?.reputation ?? 100) < 50)
            #expect(hasty?.approved == 1 && hasty?.rejected == 0)
        }
    }

    @Test func sentBackWorkComesBeforeNewTasks() async throws {
        try await TestDatabase.withStore { (store: Store) async throws in
            let org = try await Fixtures.organization(store)
            let settings: JSONObject = ["overlap": 2, "review": ["strategy": "consensus", "approval_threshold": 2]]
            let project = try await Fixtures.project(store, org: org, name: "redo first", settings: settings)
            let first = try await Fixtures.add(store, try Fixtures.task(project))
            let now = Timestamp.now()
            _ = try #require(
                try await Fixtures.work(store, org: org, worker: "a", answer: #"{"category":"x"}"#, now: now))
            let (sent, _) = try #require(try await Fixtures.claim(store, org: org, worker: "b", now: now))
            _ = try await store.submitAnswer(
                assignmentID: sent.id, workerID: "b", answer: RawJSON(unchecked: #"{"category":"y"}"#), now: now)
            let (review, _, _) = try #require(
                try await store.claimReview(
                    organizationID: org, reviewerID: "boss", projectID: nil, reviewID: Fixtures.ids.next(), now: now))
            _ = try await store.decideReview(
                reviewID: review.id, reviewerID: "boss",
                verdicts: [sent.id: .sendBack(reason: "again", deadline: now.adding(seconds: 600))], answer: nil,
                now: now)
            let urgent = try await Fixtures.add(store, try Fixtures.task(project, priority: 9))
            // Even a more urgent new task waits until the worker has redone what was sent back.
            let (redo, redoTask) = try #require(try await Fixtures.claim(store, org: org, worker: "b", now: now))
            #expect(redo.id == sent.id && redo.status == .sentBack && redoTask.id == first.id)
            _ = try await store.submitAnswer(
                assignmentID: redo.id, workerID: "b", answer: RawJSON(unchecked: #"{"category":"x"}"#), now: now)
            let (next, nextTask) = try #require(try await Fixtures.claim(store, org: org, worker: "b", now: now))
            #expect(next.status == .active && nextTask.id == urgent.id)
        }
    }

    @Test func requesterRejectionStartsAReworkRoundKeepingHistory() async throws {
        try await TestDatabase.withStore { (store: Store) async throws in
            let org = try await Fixtures.organization(store)
            let project = try await Fixtures.project(store, org: org, name: "round", settings: [:])
            let created = try await Fixtures.add(store, try Fixtures.task(project))
            let done = try #require(try await Fixtures.work(store, org: org, worker: "w", answer: #"{"category":"a"}"#))
            #expect(done.status == .completed)
            await #expect(throws: DomainError.self) {
                _ = try await store.reworkTask(id: Fixtures.ids.next(), organizationID: org, reason: "x", now: .now())
            }
            let reworked = try await store.reworkTask(
                id: created.id, organizationID: org, reason: "blurry", now: .now())
            #expect(reworked.status == .pending && reworked.round == 1 && reworked.response == nil)
            let redone = try #require(
                try await Fixtures.work(store, org: org, worker: "w", answer: #"{"category":"b"}"#))
            #expect(redone.status == .completed && redone.response?.text == #"{"category":"b"}"#)
            let history = try await store.results(taskID: created.id, organizationID: org)
            #expect(history.map(\.round) == [0, 1])
            #expect(history[0].feedback == "rework requested: blurry")
        }
    }

    @Test func testModeTasksAreDoneByTheSyntheticWorkerOnly() async throws {
        try await TestDatabase.withStore { (store: Store) async throws in
            let org = try await Fixtures.organization(store)
            var project = try await Fixtures.project(store, org: org, name: "test-mode", settings: ["overlap": 2])
            project = try await store.updateProject(id: project.id, organizationID: org) {
                $0.params = ["categories": ["yes", "no"]]
            }
            let task = try await Fixtures.add(
                store,
                try Fixtures.factory.makeTask(TaskSpec(data: ["text": "hi"]), project: project, testMode: true))
            #expect(try await Fixtures.claim(store, org: org, worker: "person") == nil)
            let worker = SyntheticWorker(
                store: store, factory: Fixtures.factory, validator: AnswerValidator(schemas: SchemaCache()),
                models: AnswerModels(store: store))
            #expect(try await worker.runOnce() == 2)
            let done = try await store.task(id: task.id, organizationID: org)
            #expect(done?.status == .completed && done?.response?.text == #"{"category":"yes"}"#)
        }
    }
}
