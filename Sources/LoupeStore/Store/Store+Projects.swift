public import LoupeDomain

extension Store {
    /// Stores a new project; throws `conflict` when the name is taken in the organization.
    public func createProject(_ project: Project) async throws {
        try await database.write { db in
            let inserted = try await db.query(
                """
                INSERT INTO projects (id, org_id, name, type, instruction, params, creation_schema, delivery_schema,
                    settings, param_history, metadata, archived, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (org_id, name) DO NOTHING RETURNING id
                """, Self.projectBinds(project))
            if inserted.isEmpty { throw Self.nameTaken(project.name) }
            try await Self.saveWorkflow(of: project, db)
        }
    }

    /// The project, if it exists in the organization.
    public func project(id: String, organizationID: String) async throws -> Project? {
        try await database.read { db in try await Self.project(id: id, organizationID: organizationID, db) }
    }

    /// The project in whichever organization holds it: for the operator's command line.
    public func project(id: String) async throws -> Project? {
        try await database.read { db in
            try await db.query("SELECT \(Self.projectColumns) FROM projects WHERE id = ?", [.text(id)]).first.map(
                Self.project)
        }
    }

    /// The organization's projects ordered by id, after `afterID`, at most `limit`.
    public func projects(organizationID: String, includeArchived: Bool, afterID: String?, limit: Int) async throws
        -> [Project]
    {
        try await database.read { db in
            try await db.query(
                """
                SELECT \(Self.projectColumns) FROM projects
                WHERE org_id = ? AND (? = 1 OR archived = 0) AND id > ? ORDER BY id LIMIT ?
                """,
                [.text(organizationID), .int(includeArchived ? 1 : 0), .text(afterID ?? ""), .int(Int64(limit))]
            ).map(Self.project)
        }
    }

    /// Reads, changes and saves a project in one transaction. `change` may throw to abort.
    public func updateProject(
        id: String, organizationID: String, _ change: (inout Project) throws -> Void
    ) async throws -> Project {
        try await database.write { db in
            guard var project = try await Self.project(id: id, organizationID: organizationID, db, forUpdate: true)
            else { throw DomainError.notFound("project", id) }
            let originalName = project.name
            try change(&project)
            if project.name != originalName {
                let taken = try await db.query(
                    "SELECT id FROM projects WHERE org_id = ? AND name = ? AND id <> ?",
                    [.text(organizationID), .text(project.name), .text(id)])
                if !taken.isEmpty { throw Self.nameTaken(project.name) }
            }
            var binds = Array(Self.projectBinds(project).dropFirst(2))
            binds.append(contentsOf: [.text(id), .text(organizationID)])
            try await db.execute(
                """
                UPDATE projects SET name = ?, type = ?, instruction = ?, params = ?, creation_schema = ?,
                    delivery_schema = ?, settings = ?, param_history = ?, metadata = ?, archived = ?, created_at = ?,
                    updated_at = ?
                WHERE id = ? AND org_id = ?
                """, binds)
            try await Self.saveWorkflow(of: project, db)
            return project
        }
    }

    static func nameTaken(_ name: String) -> DomainError {
        DomainError(
            .conflict, "a project named \"\(name)\" already exists",
            details: [.init(path: "/name", reason: "is already taken")])
    }

    static func project(id: String, organizationID: String, _ db: any SQLConnection, forUpdate: Bool = false)
        async throws -> Project?
    {
        let lock = forUpdate && db.dialect == .postgres ? " FOR UPDATE" : ""
        return try await db.query(
            "SELECT \(projectColumns) FROM projects WHERE id = ? AND org_id = ?\(lock)",
            [.text(id), .text(organizationID)]
        ).first.map(project)
    }

    static let projectColumns = """
        id, org_id, name, type, instruction, params, creation_schema, delivery_schema, settings, param_history,
        metadata, archived, created_at, updated_at
        """

    static func projectBinds(_ project: Project) -> [SQLValue] {
        [
            .text(project.id), .text(project.organizationID), .text(project.name), .text(project.type),
            .text(project.instruction), .text(JSONValue.object(project.params).serialized()),
            project.creationSchema.map { .text($0.serialized()) } ?? .null,
            project.deliverySchema.map { .text($0.serialized()) } ?? .null,
            .text(JSONValue.object(project.settings).serialized()), .text(paramHistoryText(project.paramHistory)),
            .text(JSONValue.object(project.metadata).serialized()), .int(project.archived ? 1 : 0),
            .int(project.createdAt.microseconds), .int(project.updatedAt.microseconds),
        ]
    }

    static func project(_ row: SQLRow) -> Project {
        Project(
            id: row.string(0)!, organizationID: row.string(1)!, name: row.string(2)!, type: row.string(3)!,
            instruction: row.string(4)!, params: StoredJSON.object(row.string(5)),
            creationSchema: StoredJSON.value(row.string(6)), deliverySchema: StoredJSON.value(row.string(7)),
            settings: StoredJSON.object(row.string(8)), paramHistory: paramHistory(row.string(9)),
            metadata: StoredJSON.object(row.string(10)), archived: row.bool(11),
            createdAt: Timestamp(microseconds: row.int64(12)!), updatedAt: Timestamp(microseconds: row.int64(13)!))
    }

    static func paramHistoryText(_ history: [ParamVersion]) -> String {
        JSONValue.array(
            history.map { version in
                [
                    "version": .int(Int64(version.version)), "instruction": .string(version.instruction),
                    "params": .object(version.params), "created_at": .int(version.createdAt.microseconds),
                ]
            }
        ).serialized()
    }

    static func paramHistory(_ text: String?) -> [ParamVersion] {
        guard let array = StoredJSON.value(text)?.arrayValue else { return [] }
        return array.compactMap { entry in
            guard let object = entry.objectValue, let version = object["version"]?.intValue,
                let created = object["created_at"]?.intValue
            else { return nil }
            return ParamVersion(
                version: Int(version), instruction: object["instruction"]?.stringValue ?? "",
                params: object["params"]?.objectValue ?? JSONObject(), createdAt: Timestamp(microseconds: created))
        }
    }
}
