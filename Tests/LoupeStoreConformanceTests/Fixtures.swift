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

    static func project(_ store: Store, org: String, name: String = "p", schema: JSONValue? = nil) async throws -> Project {
        let now = Timestamp.now()
        let project = Project(
            id: ids.next(), organizationID: org, name: name, type: "categorization", instruction: "Pick one",
            params: JSONObject(), creationSchema: schema, deliverySchema: nil, settings: JSONObject(),
            paramHistory: [ParamVersion(version: 1, instruction: "Pick one", params: JSONObject(), createdAt: now)],
            metadata: JSONObject(), archived: false, createdAt: now, updatedAt: now)
        try await store.createProject(project)
        return project
    }

    static func task(_ project: Project, uniqueID: String? = nil, tags: [String] = [], priority: Int = 0) throws -> WorkTask {
        try factory.makeTask(
            TaskSpec(data: ["url": "https://example.com/a.jpg"], uniqueID: uniqueID, priority: priority, tags: tags),
            project: project, testMode: false)
    }
}
