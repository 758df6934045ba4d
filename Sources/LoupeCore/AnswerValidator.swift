public import LoupeDomain

/// Checks a worker's answer against the project's delivery schema and the task type's own rules
/// (Scale's response formats for tasks created through the Scale dialect).
public struct AnswerValidator: Sendable {
    /// Compiled schemas.
    public let schemas: SchemaCache

    /// A validator using `schemas`.
    public init(schemas: SchemaCache) { self.schemas = schemas }

    /// Throws a `schema_violation` naming every problem under `/answer`.
    public func validate(_ answer: JSONObject, task: WorkTask, project: Project) throws(DomainError) {
        var violations: [SchemaViolation] = []
        var source = "the task type \(task.type)"
        if let schema = try schemas.deliverySchema(of: project) {
            violations = schema.validate(.object(answer))
            source = "the delivery_schema of project \(project.id)"
        }
        if violations.isEmpty {
            let data = (try? JSONParser.parse(task.data.text))?.objectValue ?? JSONObject()
            if task.origin == "scale" {
                violations = ScaleResponseRules.violations(type: task.type, params: data, response: answer)
                source = "Scale's \(task.type) response format"
            } else {
                violations = AnswerRules.violations(type: task.type, answer: answer, data: data, params: project.params)
                source = "the task type \(task.type)"
            }
        }
        guard let first = violations.first else { return }
        throw DomainError(
            .schemaViolation, "/answer\(first.path) \(first.reason) (\(source))",
            details: violations.prefix(20).map { .init(path: "/answer" + $0.path, reason: $0.reason) })
    }
}
