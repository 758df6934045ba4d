/// The fields a requester sends to create or change a project, parsed and checked.
public struct ProjectSpec: Sendable, Equatable {
    /// New name.
    public var name: String?
    /// Task type.
    public var type: String?
    /// Markdown instruction.
    public var instruction: String?
    /// Type parameters.
    public var params: JSONObject?
    /// Creation schema (`.null` clears it).
    public var creationSchema: JSONValue?
    /// Delivery schema (`.null` clears it).
    public var deliverySchema: JSONValue?
    /// Workflow settings.
    public var settings: JSONObject?
    /// Free metadata.
    public var metadata: JSONObject?

    /// The longest instruction, in characters (a project keeps `Project.keptVersions` of them).
    public static let instructionLimit = 262_144
    /// The largest project metadata, in bytes of JSON.
    public static let metadataLimit = 65_536

    /// Parses a create (`requireNameAndType`) or patch body.
    public static func parse(_ value: JSONValue, requireNameAndType: Bool) throws(DomainError) -> ProjectSpec {
        var reader = try FieldReader(value)
        var spec = ProjectSpec()
        spec.name = try reader.string("name", maxLength: 200, allowEmpty: false)
        spec.type = try reader.string("type", maxLength: 64, allowEmpty: false)
        if requireNameAndType {
            if spec.name == nil { throw DomainError.invalidField("/name", "is required") }
            if spec.type == nil { throw DomainError.invalidField("/type", "is required") }
        }
        if let type = spec.type, !TaskTypeName.isValid(type) {
            throw DomainError.invalidField("/type", "must be lowercase letters, digits and underscores")
        }
        spec.instruction = try reader.string("instruction", maxLength: Self.instructionLimit)
        spec.params = try reader.object("params")
        if let params = spec.params, let problem = ProjectExamples.violations(params).first {
            throw DomainError.invalidField(problem.path, problem.reason)
        }
        spec.creationSchema = try schema(&reader, "creation_schema")
        spec.deliverySchema = try schema(&reader, "delivery_schema")
        spec.settings = try reader.object("settings")
        if let settings = spec.settings { _ = try WorkflowSettings.parse(settings) }
        spec.metadata = try reader.object("metadata")
        if let metadata = spec.metadata, JSONValue.object(metadata).serializedBytes().count > Self.metadataLimit {
            throw DomainError.invalidField("/metadata", "must be at most \(Self.metadataLimit) bytes of JSON")
        }
        try reader.rejectUnknownFields()
        return spec
    }

    private static func schema(_ reader: inout FieldReader, _ key: String) throws(DomainError) -> JSONValue? {
        guard reader.has(key) else { return nil }
        guard let value = reader.value(key) else { return .null }
        do {
            _ = try JSONSchema(value)
        } catch {
            throw DomainError.invalidSchema(reader.pointer(key) + error.path, error.reason)
        }
        return value
    }
}

/// Rules for task type names.
public enum TaskTypeName {
    /// Lowercase letters, digits and underscores, starting with a letter, at most 64 characters.
    public static func isValid(_ name: String) -> Bool {
        guard let first = name.utf8.first, (97...122).contains(first), name.utf8.count <= 64 else { return false }
        return name.utf8.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == 95 }
    }
}
