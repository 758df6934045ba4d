/// A body of work: one task type, an instruction, schemas and workflow settings.
public struct Project: Sendable, Equatable {
    /// 24-hex id.
    public var id: String
    /// Owning organization.
    public var organizationID: String
    /// Unique within the organization.
    public var name: String
    /// Task type, e.g. `categorization`, `imageannotation`.
    public var type: String
    /// Markdown instruction shown to workers.
    public var instruction: String
    /// Type-specific parameters (labels, categories, fields…).
    public var params: JSONObject
    /// JSON Schema every task's `data` must match, if set.
    public var creationSchema: JSONValue?
    /// JSON Schema every answer must match, if set.
    public var deliverySchema: JSONValue?
    /// Workflow settings as given (validated by `WorkflowSettings`).
    public var settings: JSONObject
    /// Every version of instruction and params, oldest first.
    public var paramHistory: [ParamVersion]
    /// Free metadata.
    public var metadata: JSONObject
    /// Archived projects accept no new tasks and are hidden from lists by default.
    public var archived: Bool
    /// When it was created.
    public var createdAt: Timestamp
    /// When it was last changed.
    public var updatedAt: Timestamp

    /// A project with the given fields.
    public init(
        id: String, organizationID: String, name: String, type: String, instruction: String, params: JSONObject,
        creationSchema: JSONValue?, deliverySchema: JSONValue?, settings: JSONObject, paramHistory: [ParamVersion],
        metadata: JSONObject, archived: Bool, createdAt: Timestamp, updatedAt: Timestamp
    ) {
        self.id = id
        self.organizationID = organizationID
        self.name = name
        self.type = type
        self.instruction = instruction
        self.params = params
        self.creationSchema = creationSchema
        self.deliverySchema = deliverySchema
        self.settings = settings
        self.paramHistory = paramHistory
        self.metadata = metadata
        self.archived = archived
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The latest version number in `paramHistory` (0 when empty).
    public var currentVersion: Int { paramHistory.last?.version ?? 0 }

    /// How many versions of instruction and params a project keeps: older ones are dropped, so
    /// twenty edits of a large instruction do not make every read of the project carry twenty copies.
    public static let keptVersions = 20

    /// Makes `instruction` and `params` the next version, keeping the last `keptVersions`.
    public mutating func recordVersion(instruction: String, params: JSONObject, at time: Timestamp) {
        self.instruction = instruction
        self.params = params
        paramHistory.append(
            ParamVersion(version: currentVersion + 1, instruction: instruction, params: params, createdAt: time))
        if paramHistory.count > Self.keptVersions { paramHistory.removeFirst(paramHistory.count - Self.keptVersions) }
    }
}

/// One version of a project's instruction and parameters.
public struct ParamVersion: Sendable, Equatable {
    /// 1, 2, 3…
    public var version: Int
    /// The instruction at this version.
    public var instruction: String
    /// The params at this version.
    public var params: JSONObject
    /// When this version was made.
    public var createdAt: Timestamp

    /// A version with the given fields.
    public init(version: Int, instruction: String, params: JSONObject, createdAt: Timestamp) {
        self.version = version
        self.instruction = instruction
        self.params = params
        self.createdAt = createdAt
    }
}
