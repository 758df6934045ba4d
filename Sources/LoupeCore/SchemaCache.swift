public import LoupeDomain
import Synchronization

/// Compiled creation and delivery schemas by project version, so each is compiled once rather than per task.
public final class SchemaCache: Sendable {
    private let schemas = Mutex<[String: JSONSchema]>([:])

    /// An empty cache.
    public init() {}

    /// The compiled creation schema of `project`, or nil when it has none.
    public func creationSchema(of project: Project) throws(DomainError) -> JSONSchema? {
        try compiled(
            project.creationSchema, key: "c:\(project.id):\(project.updatedAt.microseconds)", field: "/creation_schema")
    }

    /// The compiled delivery schema of `project`, or nil when it has none.
    public func deliverySchema(of project: Project) throws(DomainError) -> JSONSchema? {
        try compiled(
            project.deliverySchema, key: "d:\(project.id):\(project.updatedAt.microseconds)", field: "/delivery_schema")
    }

    /// The delivery schema of `project` without its top-level `required`: what a pre-filled,
    /// partial answer must satisfy. Nil when the project has no delivery schema.
    public func prefillSchema(of project: Project) throws(DomainError) -> JSONSchema? {
        guard case .object(var schema)? = project.deliverySchema else {
            return try compiled(
                project.deliverySchema, key: "p:\(project.id):\(project.updatedAt.microseconds)",
                field: "/delivery_schema")
        }
        schema["required"] = nil
        return try compiled(
            .object(schema), key: "p:\(project.id):\(project.updatedAt.microseconds)", field: "/delivery_schema")
    }

    private func compiled(_ source: JSONValue?, key: String, field: String) throws(DomainError) -> JSONSchema? {
        guard let source, source != .null else { return nil }
        if let cached = schemas.withLock({ $0[key] }) { return cached }
        let schema: JSONSchema
        do {
            schema = try JSONSchema(source)
        } catch {
            throw DomainError.invalidSchema(field + error.path, error.reason)
        }
        schemas.withLock { cache in
            if cache.count > 1_000 { cache.removeAll() }
            cache[key] = schema
        }
        return schema
    }
}
