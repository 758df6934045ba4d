public import LoupeDomain
import Synchronization

/// Compiled creation schemas by project version, so each is compiled once rather than per task.
public final class SchemaCache: Sendable {
    private let schemas = Mutex<[String: JSONSchema]>([:])

    /// An empty cache.
    public init() {}

    /// The compiled creation schema of `project`, or nil when it has none.
    public func creationSchema(of project: Project) throws(DomainError) -> JSONSchema? {
        guard let source = project.creationSchema, source != .null else { return nil }
        let key = "\(project.id):\(project.updatedAt.microseconds)"
        if let cached = schemas.withLock({ $0[key] }) { return cached }
        let schema: JSONSchema
        do {
            schema = try JSONSchema(source)
        } catch {
            throw DomainError.invalidField("/creation_schema" + error.path, error.reason)
        }
        schemas.withLock { cache in
            if cache.count > 1_000 { cache.removeAll() }
            cache[key] = schema
        }
        return schema
    }
}
