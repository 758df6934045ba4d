import Foundation
import LoupeDomain
import LoupeStore
import LoupeTestSupport
import Testing

/// Every change that frees one of a task's result slots brings it back to the queue. On SQLite
/// a claim that takes the last slot takes the task out of the queue indexes, so a path that
/// forgot to put it back would hide the task from every worker; each path is tried here.
@Suite("Freed result slots return a task to the queue")
struct SlotFreeingTests {
    /// One task of a project with `settings` whose only slot `first` has taken, so nobody else
    /// can claim it.
    static func fullTask(_ store: Store, settings: JSONObject, now: Timestamp) async throws
        -> (org: String, task: WorkTask, lease: Assignment)
    {
        let org = try await Fixtures.organization(store)
        let project = try await Fixtures.project(store, org: org, name: "slots", settings: settings)
        let task = try await Fixtures.add(store, try Fixtures.task(project))
        let (lease, _) = try #require(try await Fixtures.claim(store, org: org, worker: "first", now: now))
        #expect(try await Fixtures.claim(store, org: org, worker: "blocked", now: now) == nil, "the only slot is taken")
        return (org, task, lease)
    }

    static func expectOffered(_ store: Store, org: String, task: WorkTask, now: Timestamp, _ path: String) async throws
    {
        let claimed = try await Fixtures.claim(store, org: org, worker: "next", now: now)
        #expect(claimed?.1.id == task.id, "after \(path) the task is offered again")
    }

    @Test func aReleasedLease() async throws {
        try await TestDatabase.withStore { (store: Store) async throws in
            let now = Timestamp.now()
            let (org, task, lease) = try await Self.fullTask(store, settings: [:], now: now)
            try await store.release(assignmentID: lease.id, workerID: "first", now: now)
            try await Self.expectOffered(store, org: org, task: task, now: now, "a release")
        }
    }

    @Test func anExpiredLease() async throws {
        try await TestDatabase.withStore { (store: Store) async throws in
            let now = Timestamp.now()
            let (org, task, _) = try await Self.fullTask(store, settings: ["max_work_time": 60], now: now)
            let later = now.adding(seconds: 61)
            #expect(try await store.expireLeases(now: later) == 1)
            try await Self.expectOffered(store, org: org, task: task, now: later, "an expired lease")
        }
    }

    /// A task whose only result waits for a reviewer, who holds the review.
    static func inReview(_ store: Store, now: Timestamp) async throws
        -> (org: String, task: WorkTask, lease: Assignment, review: Review)
    {
        let settings: JSONObject = ["review": ["strategy": "manual", "sample_percentage": 1]]
        let (org, task, lease) = try await fullTask(store, settings: settings, now: now)
        _ = try await store.submitAnswer(
            assignmentID: lease.id, workerID: "first", answer: RawJSON(unchecked: #"{"category":"a"}"#), now: now)
        let (review, _, _) = try #require(
            try await store.claimReview(
                organizationID: org, reviewerID: "boss", projectID: nil, reviewID: Fixtures.ids.next(), now: now))
        return (org, task, lease, review)
    }

    /// A reviewer rejects the only result: the task asks for another one.
    @Test func aRejectedResult() async throws {
        try await TestDatabase.withStore { (store: Store) async throws in
            let now = Timestamp.now()
            let (org, task, lease, review) = try await Self.inReview(store, now: now)
            let decided = try await store.decideReview(
                reviewID: review.id, reviewerID: "boss", verdicts: [lease.id: .reject(reason: "wrong")], answer: nil,
                now: now)
            #expect(decided.status == .pending)
            try await Self.expectOffered(store, org: org, task: task, now: now, "a rejected result")
        }
    }

    /// A sent-back result the worker does not redo in time: its slot goes to someone else.
    @Test func aSentBackResultNotRedoneInTime() async throws {
        try await TestDatabase.withStore { (store: Store) async throws in
            let now = Timestamp.now()
            let (org, task, lease, review) = try await Self.inReview(store, now: now)
            let deadline = now.adding(seconds: 60)
            _ = try await store.decideReview(
                reviewID: review.id, reviewerID: "boss",
                verdicts: [lease.id: .sendBack(reason: "redo", deadline: deadline)], answer: nil, now: now)
            #expect(try await Fixtures.claim(store, org: org, worker: "blocked", now: now) == nil)
            let later = deadline.adding(seconds: 1)
            _ = try await store.expireLeases(now: later)
            try await Self.expectOffered(store, org: org, task: task, now: later, "an expired sent-back lease")
        }
    }

    /// The aggregate strategy is not sure of one result and asks for one more.
    @Test func anExtraResult() async throws {
        try await TestDatabase.withStore { (store: Store) async throws in
            let now = Timestamp.now()
            let settings: JSONObject = [
                "review": ["strategy": "aggregate", "min_confidence": 0.99, "max_extra_results": 1]
            ]
            let (org, task, lease) = try await Self.fullTask(store, settings: settings, now: now)
            let (_, after) = try await store.submitAnswer(
                assignmentID: lease.id, workerID: "first", answer: RawJSON(unchecked: #"{"category":"a"}"#), now: now)
            #expect(after.status == .pending)
            try await Self.expectOffered(store, org: org, task: task, now: now, "a request for one more result")
        }
    }

    /// The requester rejects the completed task: a new round starts.
    @Test func aReworkRound() async throws {
        try await TestDatabase.withStore { (store: Store) async throws in
            let now = Timestamp.now()
            let (org, task, lease) = try await Self.fullTask(store, settings: [:], now: now)
            let (_, done) = try await store.submitAnswer(
                assignmentID: lease.id, workerID: "first", answer: RawJSON(unchecked: #"{"category":"a"}"#), now: now)
            #expect(done.status == .completed)
            _ = try await store.reworkTask(id: task.id, organizationID: org, reason: "no", now: now)
            try await Self.expectOffered(store, org: org, task: task, now: now, "a rework round")
        }
    }

    @Test func aLargerOverlap() async throws {
        try await TestDatabase.withStore { (store: Store) async throws in
            let now = Timestamp.now()
            let (org, task, _) = try await Self.fullTask(store, settings: [:], now: now)
            _ = try await store.updateProject(id: task.projectID, organizationID: org) { $0.settings["overlap"] = 2 }
            try await Self.expectOffered(store, org: org, task: task, now: now, "a larger overlap")
        }
    }

    /// Express tasks are offered before standard ones whatever their priority, then by priority.
    @Test func expressTasksComeFirstThenPriority() async throws {
        try await TestDatabase.withStore { (store: Store) async throws in
            let org = try await Fixtures.organization(store)
            let project = try await Fixtures.project(store, org: org, name: "urgency")
            var standardHigh = try Fixtures.task(project, priority: 100)
            standardHigh.urgency = .standard
            var expressLow = try Fixtures.task(project, priority: -5)
            expressLow.urgency = .express
            var expressHigh = try Fixtures.task(project, priority: 7)
            expressHigh.urgency = .express
            for task in [standardHigh, expressLow, expressHigh] { try await Fixtures.add(store, task) }
            var order: [String] = []
            for worker in ["a", "b", "c"] {
                if let (_, task) = try await Fixtures.claim(store, org: org, worker: worker) { order.append(task.id) }
            }
            #expect(order == [expressHigh.id, expressLow.id, standardHigh.id])
            #expect(try await store.task(id: expressLow.id, organizationID: org)?.urgency == .express)
        }
    }
}
