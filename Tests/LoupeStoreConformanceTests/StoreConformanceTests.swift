import Foundation
import LoupeDomain
import LoupeStore
import LoupeTestSupport
import Testing

/// The one suite every store backend must pass (SQLite by default, PostgreSQL with LOUPE_TEST_DATABASE=postgres).
@Suite("Store conformance")
struct StoreConformanceTests {
    @Test func migrateTwiceAppliesNothingTheSecondTime() async throws {
        try await TestDatabase.withStore { (store: Store) async throws in
            #expect(try await store.migrate(now: .now()).isEmpty)
            #expect(try await store.pendingMigrations().isEmpty)
        }
    }

    @Test func bootstrapHappensOnlyOnce() async throws {
        try await TestDatabase.withStore { (store: Store) async throws in
            func records() -> BootstrapRecords {
                let org = Organization(id: Fixtures.ids.next(), name: "Default", createdAt: .now())
                let admin = User(
                    id: Fixtures.ids.next(), organizationID: org.id, email: "Admin@X.io", passwordHash: "h",
                    roles: [.admin],
                    groups: [], createdAt: .now())
                return BootstrapRecords(organization: org, admin: admin, keys: [])
            }
            #expect(try await store.bootstrapIfEmpty(records()))
            #expect(try await store.bootstrapIfEmpty(records()) == false)
            #expect(try await store.user(email: "admin@x.io")?.roles == [.admin])
        }
    }

    @Test func projectNamesAreUniquePerOrganization() async throws {
        try await TestDatabase.withStore { (store: Store) async throws in
            let org = try await Fixtures.organization(store)
            let other = try await Fixtures.organization(store)
            let first = try await Fixtures.project(store, org: org, name: "cats")
            await #expect(throws: DomainError.self) { _ = try await Fixtures.project(store, org: org, name: "cats") }
            _ = try await Fixtures.project(store, org: other, name: "cats")
            let second = try await Fixtures.project(store, org: org, name: "dogs")
            await #expect(throws: DomainError.self) {
                _ = try await store.updateProject(id: second.id, organizationID: org) { $0.name = "cats" }
            }
            #expect(try await store.project(id: first.id, organizationID: other) == nil)
            #expect(
                try await store.projects(organizationID: org, includeArchived: false, afterID: nil, limit: 10).count
                    == 2)
        }
    }

    @Test func duplicateUniqueIDNamesTheExistingTask() async throws {
        try await TestDatabase.withStore { (store: Store) async throws in
            let org = try await Fixtures.organization(store)
            let project = try await Fixtures.project(store, org: org)
            let first = try Fixtures.task(project, uniqueID: "u-1")
            _ = try await store.createTask(first)
            do {
                _ = try await store.createTask(try Fixtures.task(project, uniqueID: "u-1"))
                Issue.record("a duplicate unique_id was accepted")
            } catch let error as DomainError {
                #expect(error.code == .conflict)
                #expect(error.extra["existing_task_id"] == .string(first.id))
            }
            let (tasks, total) = try await store.tasks(
                matching: TaskFilter(organizationID: org), afterID: nil, limit: 10, countTotal: true)
            #expect(tasks.map(\.id) == [first.id])
            #expect(total == 1)
        }
    }

    @Test func idempotencyKeyReplaysTheFirstResponse() async throws {
        try await TestDatabase.withStore { (store: Store) async throws in
            let org = try await Fixtures.organization(store)
            let project = try await Fixtures.project(store, org: org)
            let first = try await store.createTask(
                try Fixtures.task(project), idempotencyKey: "k", fingerprint: "f"
            ) { (201, $0.id) }
            let second = try await store.createTask(
                try Fixtures.task(project), idempotencyKey: "k", fingerprint: "f"
            ) { (201, $0.id) }
            #expect(first == second)
            let count = try await store.tasks(
                matching: TaskFilter(organizationID: org), afterID: nil, limit: 10, countTotal: true
            ).total
            #expect(count == 1)
        }
    }

    @Test func paginationHasNoDuplicatesOrGapsWhileTasksAreAdded() async throws {
        try await TestDatabase.withStore { (store: Store) async throws in
            let org = try await Fixtures.organization(store)
            let project = try await Fixtures.project(store, org: org)
            for _ in 0..<25 { _ = try await store.createTask(try Fixtures.task(project)) }
            var seen: [String] = []
            var after: String?
            while true {
                let page = try await store.tasks(
                    matching: TaskFilter(organizationID: org), afterID: after, limit: 10, countTotal: false
                ).tasks
                seen += page.map(\.id)
                guard let last = page.last, page.count == 10 else { break }
                after = last.id
                _ = try await store.createTask(try Fixtures.task(project))
            }
            #expect(Set(seen).count == seen.count)
            let all = try await store.tasks(
                matching: TaskFilter(organizationID: org), afterID: nil, limit: 1_000, countTotal: false
            ).tasks
            #expect(seen == all.map(\.id))
        }
    }

    @Test func filtersByStatusTagUniqueIDAndTime() async throws {
        try await TestDatabase.withStore { (store: Store) async throws in
            let org = try await Fixtures.organization(store)
            let project = try await Fixtures.project(store, org: org)
            let tagged = try Fixtures.task(project, uniqueID: "a", tags: ["red", "big"])
            _ = try await store.createTask(tagged)
            let plain = try Fixtures.task(project, uniqueID: "b")
            _ = try await store.createTask(plain)
            _ = try await store.cancelTask(id: plain.id, organizationID: org, clearUniqueID: false, at: .now())
            func ids(_ change: (inout TaskFilter) -> Void) async throws -> [String] {
                var filter = TaskFilter(organizationID: org)
                change(&filter)
                return try await store.tasks(matching: filter, afterID: nil, limit: 100, countTotal: false).tasks.map(
                    \.id)
            }
            #expect(try await ids { $0.tag = "red" } == [tagged.id])
            #expect(try await ids { $0.statuses = [.canceled] } == [plain.id])
            #expect(try await ids { $0.uniqueID = "a" } == [tagged.id])
            #expect(try await ids { $0.createdAfter = Timestamp.now().adding(seconds: 60) }.isEmpty)
            #expect(try await ids { $0.projectID = project.id }.count == 2)
        }
    }

    @Test func cancelOnlyUnfinishedTasksAndFreeTheUniqueID() async throws {
        try await TestDatabase.withStore { (store: Store) async throws in
            let org = try await Fixtures.organization(store)
            let project = try await Fixtures.project(store, org: org)
            let task = try Fixtures.task(project, uniqueID: "once")
            _ = try await store.createTask(task)
            let canceled = try await store.cancelTask(id: task.id, organizationID: org, clearUniqueID: true, at: .now())
            #expect(canceled.status == .canceled)
            #expect(canceled.uniqueID == nil)
            await #expect(throws: DomainError.self) {
                _ = try await store.cancelTask(id: task.id, organizationID: org, clearUniqueID: false, at: .now())
            }
            _ = try await store.createTask(try Fixtures.task(project, uniqueID: "once"))
        }
    }

    @Test func deletePriorityAndTagsStayInTheOrganization() async throws {
        try await TestDatabase.withStore { (store: Store) async throws in
            let org = try await Fixtures.organization(store)
            let other = try await Fixtures.organization(store)
            let project = try await Fixtures.project(store, org: org)
            let a = try Fixtures.task(project)
            let b = try Fixtures.task(project)
            _ = try await store.createTask(a)
            _ = try await store.createTask(b)
            #expect(
                try await store.setPriority(5, ids: [a.id], organizationID: other, testMode: false, at: .now()).isEmpty)
            // The test-mode sandbox does not reach live tasks.
            #expect(
                try await store.setPriority(5, ids: [a.id], organizationID: org, testMode: true, at: .now()).isEmpty)
            #expect(try await store.deleteTasks(ids: [a.id], organizationID: org, testMode: true).isEmpty)
            var sandbox = TaskFilter(organizationID: org)
            sandbox.testMode = true
            #expect(try await store.tasks(matching: sandbox, afterID: nil, limit: 10, countTotal: false).tasks.isEmpty)
            sandbox.testMode = false
            #expect(
                try await store.tasks(matching: sandbox, afterID: nil, limit: 10, countTotal: false).tasks.count == 2)
            #expect(
                try await store.setPriority(5, ids: [a.id], organizationID: org, testMode: false, at: .now()) == [a.id])
            #expect(try await store.task(id: a.id, organizationID: org)?.priority == 5)
            #expect(try await store.deleteTasks(ids: [a.id, b.id], organizationID: other, testMode: false).isEmpty)
            let updated = try await store.updateTask(id: b.id, organizationID: org, at: .now()) { $0.tags = ["x"] }
            #expect(updated.tags == ["x"])
            var filter = TaskFilter(organizationID: org)
            filter.tag = "x"
            #expect(
                try await store.tasks(matching: filter, afterID: nil, limit: 10, countTotal: false).tasks.map(\.id) == [
                    b.id
                ])
            #expect(
                Set(try await store.deleteTasks(ids: [a.id, b.id], organizationID: org, testMode: false)) == [
                    a.id, b.id,
                ])
            #expect(try await store.task(id: a.id, organizationID: org) == nil)
        }
    }
}

@Suite("Store concurrency")
struct StoreConcurrencyTests {
    @Test func concurrentCreatesWithOneUniqueIDMakeExactlyOneTask() async throws {
        try await TestDatabase.withStore { (store: Store) async throws in
            let org = try await Fixtures.organization(store)
            let project = try await Fixtures.project(store, org: org)
            let created = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<16 {
                    group.addTask {
                        do {
                            _ = try await store.createTask(try Fixtures.task(project, uniqueID: "race"))
                            return true
                        } catch let error as DomainError where error.code == .conflict {
                            return false
                        }
                    }
                }
                var successes = 0
                for try await success in group where success { successes += 1 }
                return successes
            }
            #expect(created == 1)
            let total = try await store.tasks(
                matching: TaskFilter(organizationID: org), afterID: nil, limit: 100, countTotal: true
            ).total
            #expect(total == 1)
        }
    }
}
