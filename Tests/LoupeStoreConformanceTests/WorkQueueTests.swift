import Foundation
import LoupeDomain
import LoupeStore
import LoupeTestSupport
import Testing

@Suite("Work queue")
struct WorkQueueTests {
    static func project(_ store: Store, org: String, overlap: Int) async throws -> Project {
        try await Fixtures.project(
            store, org: org, name: "queue-\(overlap)", settings: ["overlap": .int(Int64(overlap))])
    }

    /// A fresh organization with one project of this `overlap` holding one task.
    static func oneTask(_ store: Store, overlap: Int) async throws -> (org: String, task: WorkTask) {
        let org = try await Fixtures.organization(store)
        let task = try Fixtures.task(try await project(store, org: org, overlap: overlap))
        _ = try await store.createTask(task)
        return (org, task)
    }

    @Test func sixtyFourWorkersFillEveryTaskExactly() async throws {
        try await TestDatabase.withStore { (store: Store) async throws in
            try await Self.hammer(nodes: [store])
        }
    }

    @Test func twoNodesOnOneDatabaseFillEveryTaskExactly() async throws {
        try await TestDatabase.withTwoNodes { (one: Store, two: Store) async throws in
            try await Self.hammer(nodes: [one, two])
        }
    }

    /// 64 workers, spread over `nodes`, claim and submit until the queue is empty: 500 tasks,
    /// overlap 3. Every task must end with exactly 3 results from 3 different workers.
    static func hammer(nodes: [Store]) async throws {
        let store = nodes[0]
        let org = try await Fixtures.organization(store)
        let project = try await Self.project(store, org: org, overlap: 3)
        for _ in 0..<500 { _ = try await store.createTask(try Fixtures.task(project)) }
        let results = try await withThrowingTaskGroup(of: [(String, String)].self) { group in
            for worker in 0..<64 {
                let node = nodes[worker % nodes.count]
                group.addTask {
                    var mine: [(String, String)] = []
                    let name = "worker-\(worker)"
                    while let (assignment, task) = try await Fixtures.claim(node, org: org, worker: name) {
                        #expect(assignment.taskID == task.id)
                        let answer = #"{"category":"c\#(worker % 2)"}"#
                        _ = try await node.submitAnswer(
                            assignmentID: assignment.id, workerID: name, answer: RawJSON(unchecked: answer), now: .now()
                        )
                        mine.append((task.id, name))
                    }
                    return mine
                }
            }
            var all: [(String, String)] = []
            for try await mine in group { all += mine }
            return all
        }
        #expect(results.count == 1_500)
        let perTask = Dictionary(grouping: results, by: \.0)
        #expect(perTask.count == 500)
        #expect(perTask.values.allSatisfy { Set($0.map(\.1)).count == 3 })
        #expect(try await store.statusCounts().tasks["completed"] == 500)
    }

    @Test func priorityThenAgeDecidesAndExpiredLeasesReturn() async throws {
        try await TestDatabase.withStore { (store: Store) async throws in
            let org = try await Fixtures.organization(store)
            let project = try await Self.project(store, org: org, overlap: 1)
            let old = try Fixtures.task(project)
            _ = try await store.createTask(old)
            let urgent = try Fixtures.task(project, priority: 5)
            _ = try await store.createTask(urgent)
            let now = Timestamp.now()
            let first = try #require(
                try await Fixtures.claim(store, org: org, worker: "a", project: project.id, now: now))
            #expect(first.1.id == urgent.id)
            #expect(first.1.status == .inProgress)
            let second = try #require(try await Fixtures.claim(store, org: org, worker: "a", now: now))
            #expect(second.1.id == old.id)
            #expect(try await Fixtures.claim(store, org: org, worker: "b", now: now) == nil)
            let later = now.adding(seconds: 601)
            #expect(try await store.expireLeases(now: later) == 2)
            #expect(try await store.task(id: old.id, organizationID: org)?.status == .pending)
            await #expect(throws: DomainError.self) {
                _ = try await store.submitAnswer(
                    assignmentID: first.0.id, workerID: "a", answer: RawJSON(unchecked: "{}"), now: later)
            }
            let retry = try #require(try await Fixtures.claim(store, org: org, worker: "b", now: later))
            #expect(retry.1.id == urgent.id)
        }
    }

    @Test func submissionsCompleteTheTaskWithTheMajorityAnswer() async throws {
        try await TestDatabase.withStore { (store: Store) async throws in
            let (org, task) = try await Self.oneTask(store, overlap: 3)
            let answers = [#"{"category":"cat"}"#, #"{"category":"dog"}"#, #"{"category":"dog"}"#]
            var last: WorkTask?
            for (index, answer) in answers.enumerated() {
                let now = Timestamp.now()
                let (assignment, _) = try #require(
                    try await Fixtures.claim(store, org: org, worker: "w\(index)", now: now))
                if index == 0 {
                    _ = try await store.heartbeat(assignmentID: assignment.id, workerID: "w0", now: now)
                    await #expect(throws: DomainError.self) {
                        _ = try await store.submitAnswer(
                            assignmentID: assignment.id, workerID: "intruder", answer: RawJSON(unchecked: answer),
                            now: now)
                    }
                }
                last = try await store.submitAnswer(
                    assignmentID: assignment.id, workerID: "w\(index)", answer: RawJSON(unchecked: answer), now: now
                ).1
                #expect(last?.status == (index < 2 ? .inProgress : .completed))
            }
            #expect(last?.response?.text == #"{"category":"dog"}"#)
            #expect(last?.completedAt != nil)
        }
    }

    @Test func aRefusedAnswerLeavesTheLeaseAsItWas() async throws {
        try await TestDatabase.withStore { (store: Store) async throws in
            let (org, task) = try await Self.oneTask(store, overlap: 1)
            let now = Timestamp.now()
            let (assignment, _) = try #require(try await Fixtures.claim(store, org: org, worker: "w", now: now))
            var seen: (Assignment, WorkTask)?
            await #expect(throws: DomainError.self) {
                _ = try await store.submitAnswer(
                    assignmentID: assignment.id, workerID: "w", answer: RawJSON(unchecked: #"{"category":"x"}"#),
                    now: now
                ) { current, task in
                    seen = (current, task)
                    throw DomainError.invalidField("/answer/category", "is not one of the categories")
                }
            }
            #expect(seen?.0.id == assignment.id)
            #expect(seen?.1.id == task.id)
            #expect(try await store.assignedTask(assignmentID: assignment.id, workerID: "w")?.id == task.id)
            #expect(try await store.assignedTask(assignmentID: assignment.id, workerID: "other") == nil)
            #expect(try await store.assignment(id: assignment.id, workerID: "w")?.status == .active)
            #expect(try await store.task(id: task.id, organizationID: org)?.status == .inProgress)
            let (_, done) = try await store.submitAnswer(
                assignmentID: assignment.id, workerID: "w", answer: RawJSON(unchecked: #"{"category":"y"}"#), now: now)
            #expect(done.status == .completed)
        }
    }

    /// A task whose slots are all taken is passed by; it is offered again as soon as one frees:
    /// a released lease, or a larger overlap. Both paths of the claim (with and without a project).
    @Test func aTaskWithAFreedSlotIsOfferedAgain() async throws {
        try await TestDatabase.withStore { (store: Store) async throws in
            let (org, task) = try await Self.oneTask(store, overlap: 2)
            let projectID = task.projectID
            let now = Timestamp.now()
            let first = try #require(try await Fixtures.claim(store, org: org, worker: "a", now: now))
            _ = try #require(try await Fixtures.claim(store, org: org, worker: "b", project: projectID, now: now))
            #expect(try await Fixtures.claim(store, org: org, worker: "c", now: now) == nil)
            try await store.release(assignmentID: first.0.id, workerID: "a", now: now)
            let third = try #require(
                try await Fixtures.claim(store, org: org, worker: "c", project: projectID, now: now))
            #expect(third.1.id == task.id)
            #expect(try await Fixtures.claim(store, org: org, worker: "d", now: now) == nil)
            _ = try await store.updateProject(id: projectID, organizationID: org) { $0.settings["overlap"] = .int(3) }
            let fourth = try #require(try await Fixtures.claim(store, org: org, worker: "d", now: now))
            #expect(fourth.1.id == task.id)
            #expect(try await Fixtures.claim(store, org: org, worker: "e", project: projectID, now: now) == nil)
        }
    }
}

@Suite("Grouped writes")
struct GroupedWriteTests {
    /// Many writes at once share commits on SQLite: each still returns its own value, a write
    /// that throws leaves nothing behind, and the others are all kept.
    @Test func concurrentWritesKeepTheirOwnOutcome() async throws {
        try await TestDatabase.withStore { (store: Store) async throws in
            let org = try await Fixtures.organization(store)
            let database = store.database
            let outcomes = try await withThrowingTaskGroup(of: (Int, Bool).self) { group in
                for index in 0..<200 {
                    group.addTask {
                        do {
                            let value = try await database.write { db in
                                try await db.execute(
                                    "INSERT INTO instance_settings (key, value) VALUES (?, ?)",
                                    [.text("grouped-\(index)"), .text(org)])
                                if index % 7 == 0 { throw DomainError(.invalidState, "write \(index) gives up") }
                                return index
                            }
                            #expect(value == index)
                            return (index, true)
                        } catch let error as DomainError {
                            #expect(error.message == "write \(index) gives up")
                            return (index, false)
                        }
                    }
                }
                var outcomes: [Int: Bool] = [:]
                for try await (index, kept) in group { outcomes[index] = kept }
                return outcomes
            }
            #expect(outcomes.count == 200)
            let stored = try await database.read { db in
                try await db.query("SELECT key FROM instance_settings WHERE key LIKE 'grouped-%'", []).compactMap {
                    $0.string(0)
                }
            }
            let expected = Set((0..<200).filter { $0 % 7 != 0 }.map { "grouped-\($0)" })
            #expect(Set(stored) == expected)
            #expect(outcomes.filter(\.value).count == expected.count)
        }
    }
}
