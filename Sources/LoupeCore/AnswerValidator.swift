public import LoupeDomain

/// Checks a worker's answer against the project's delivery schema and the task type's own rules
/// (or the rules of the dialect the task was created through, when it has its own).
public struct AnswerValidator: Sendable {
    /// Compiled schemas.
    public let schemas: SchemaCache
    /// The dialects whose answer formats apply to their tasks.
    public let dialects: DialectRegistry

    /// A validator using `schemas` and the answer rules of `dialects`.
    public init(schemas: SchemaCache, dialects: DialectRegistry = DialectRegistry()) {
        self.schemas = schemas
        self.dialects = dialects
    }

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
            if let own = dialects.dialect(task.dialect).answerViolations(type: task.type, data: data, answer: answer) {
                violations = own
                source = "the \(task.dialect) dialect's \(task.type) response format"
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
