import Foundation
import LoupeDomain
import LoupeStore
import LoupeTestSupport
import Testing

@Suite("Work queue")
struct WorkQueueTests {
    static func project(_ store: Store, org: String, overlap: Int) async throws -> Project {
        let project = try await Fixtures.project(store, org: org, name: "queue-\(overlap)")
        return try await store.updateProject(id: project.id, organizationID: org) { $0.settings = ["overlap": .int(Int64(overlap))] }
    }

    @Test func concurrentClaimsNeverExceedOverlapNorRepeatAWorker() async throws {
        try await TestDatabase.withStore { (store: Store) async throws in
            let org = try await Fixtures.organization(store)
            let project = try await Self.project(store, org: org, overlap: 2)
            for _ in 0..<10 { _ = try await store.createTask(try Fixtures.task(project)) }
            let claims = try await withThrowingTaskGroup(of: [(String, String)].self) { group in
                for worker in 0..<8 {
                    group.addTask {
                        var mine: [(String, String)] = []
                        while let (assignment, task) = try await store.claimNextTask(
                            organizationID: org, workerID: "worker-\(worker)", projectID: nil,
                            assignmentID: Fixtures.ids.next(), now: .now())
                        {
                            #expect(assignment.taskID == task.id)
                            mine.append((task.id, "worker-\(worker)"))
                        }
                        return mine
                    }
                }
                var all: [(String, String)] = []
                for try await mine in group { all += mine }
                return all
            }
            #expect(claims.count == 20)
            let perTask = Dictionary(grouping: claims, by: \.0)
            #expect(perTask.count == 10)
            #expect(perTask.values.allSatisfy { Set($0.map(\.1)).count == 2 })
        }
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
            let first = try #require(try await store.claimNextTask(
                organizationID: org, workerID: "a", projectID: project.id, assignmentID: Fixtures.ids.next(), now: now))
            #expect(first.1.id == urgent.id)
            #expect(first.1.status == .inProgress)
            let second = try #require(try await store.claimNextTask(
                organizationID: org, workerID: "a", projectID: nil, assignmentID: Fixtures.ids.next(), now: now))
            #expect(second.1.id == old.id)
            #expect(try await store.claimNextTask(
                organizationID: org, workerID: "b", projectID: nil, assignmentID: Fixtures.ids.next(), now: now) == nil)
            let later = now.adding(seconds: 601)
            #expect(try await store.expireLeases(now: later) == 2)
            #expect(try await store.task(id: old.id, organizationID: org)?.status == .pending)
            await #expect(throws: DomainError.self) {
                _ = try await store.submitAnswer(
                    assignmentID: first.0.id, workerID: "a", answer: RawJSON(unchecked: "{}"), now: later)
            }
            let retry = try #require(try await store.claimNextTask(
                organizationID: org, workerID: "b", projectID: nil, assignmentID: Fixtures.ids.next(), now: later))
            #expect(retry.1.id == urgent.id)
        }
    }

    @Test func submissionsCompleteTheTaskWithTheMajorityAnswer() async throws {
        try await TestDatabase.withStore { (store: Store) async throws in
            let org = try await Fixtures.organization(store)
            let project = try await Self.project(store, org: org, overlap: 3)
            let task = try Fixtures.task(project)
            _ = try await store.createTask(task)
            let answers = [#"{"category":"cat"}"#, #"{"category":"dog"}"#, #"{"category":"dog"}"#]
            var last: WorkTask?
            for (index, answer) in answers.enumerated() {
                let now = Timestamp.now()
                let (assignment, _) = try #require(try await store.claimNextTask(
                    organizationID: org, workerID: "w\(index)", projectID: nil, assignmentID: Fixtures.ids.next(), now: now))
                if index == 0 {
                    _ = try await store.heartbeat(assignmentID: assignment.id, workerID: "w0", now: now)
                    await #expect(throws: DomainError.self) {
                        _ = try await store.submitAnswer(assignmentID: assignment.id, workerID: "intruder", answer: RawJSON(unchecked: answer), now: now)
                    }
                }
                last = try await store.submitAnswer(
                    assignmentID: assignment.id, workerID: "w\(index)", answer: RawJSON(unchecked: answer), now: now).1
                #expect(last?.status == (index < 2 ? .inProgress : .completed))
            }
            #expect(last?.response?.text == #"{"category":"dog"}"#)
            #expect(last?.completedAt != nil)
        }
    }
}
