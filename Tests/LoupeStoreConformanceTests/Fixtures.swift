import Foundation
import LoupeCore
import LoupeDomain
import LoupeStore

/// Small builders shared by the conformance tests.
enum Fixtures {
    static let clock = LoupeClock.system
    static let ids = ObjectIDGenerator()
    static let factory = TaskFactory(ids: ids, clock: clock, schemas: SchemaCache())

    static func organization(_ store: Store) async throws -> String {
        let organization = Organization(id: ids.next(), name: "org", createdAt: .now())
        try await store.createOrganization(organization)
        return organization.id
    }

    static func project(_ store: Store, org: String, name: String = "p", schema: JSONValue? = nil) async throws
        -> Project
    {
        let now = Timestamp.now()
        let project = Project(
            id: ids.next(), organizationID: org, name: name, type: "categorization", instruction: "Pick one",
            params: JSONObject(), creationSchema: schema, deliverySchema: nil, settings: JSONObject(),
            paramHistory: [ParamVersion(version: 1, instruction: "Pick one", params: JSONObject(), createdAt: now)],
            metadata: JSONObject(), archived: false, createdAt: now, updatedAt: now)
        try await store.createProject(project)
        return project
    }

    static func task(_ project: Project, uniqueID: String? = nil, tags: [String] = [], priority: Int = 0) throws
        -> WorkTask
    {
        try factory.makeTask(
            TaskSpec(data: ["url": "https://example.com/a.jpg"], uniqueID: uniqueID, priority: priority, tags: tags),
            project: project, testMode: false)
    }
}

extension Fixtures {
    /// A project with workflow `settings`.
    static func project(_ store: Store, org: String, name: String, settings: JSONObject) async throws -> Project {
        let project = try await Fixtures.project(store, org: org, name: name)
        return try await store.updateProject(id: project.id, organizationID: org) { $0.settings = settings }
    }

    /// Claims as `worker` in `org`.
    static func claim(_ store: Store, org: String, worker: String, project: String? = nil, now: Timestamp = .now())
        async throws -> (Assignment, WorkTask)?
    {
        try await store.claimNextTask(
            Store.WorkRequest(organizationID: org, workerID: worker, projectID: project), assignmentID: ids.next(),
            now: now)
    }

    /// Claims and submits `answer` as `worker`; returns the task afterwards.
    static func work(_ store: Store, org: String, worker: String, answer: String, now: Timestamp = .now()) async throws
        -> WorkTask?
    {
        guard let (assignment, _) = try await claim(store, org: org, worker: worker, now: now) else { return nil }
        return try await store.submitAnswer(
            assignmentID: assignment.id, workerID: worker, answer: RawJSON(unchecked: answer), now: now
        ).1
    }
}

extension Fixtures {
    /// Stores `task` and returns it.
    @discardableResult
    static func add(_ store: Store, _ task: WorkTask) async throws -> WorkTask {
        _ = try await store.createTask(task)
        return task
    }
}
