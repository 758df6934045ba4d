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

    /// Throws a `schema_violation` naming every problem under `/answer`: the delivery schema's,
    /// then (when it passes) the task type's or the dialect's rules.
    public func validate(_ answer: JSONObject, task: WorkTask, project: Project) throws(DomainError) {
        try validateSchema(answer, project: project)
        try validateRules(answer, task: task, project: project)
    }

    /// The project's delivery schema alone: it needs no task, so a submit checks it before its
    /// write, keeping the user-written part of the work (patterns, large documents) out of the
    /// single writer.
    public func validateSchema(_ answer: JSONObject, project: Project) throws(DomainError) {
        guard let schema = try schemas.deliverySchema(of: project) else { return }
        try Self.refuse(schema.validate(.object(answer)), source: "the delivery_schema of project \(project.id)")
    }

    /// The task type's rules (or the dialect's), which read the task's data: Loupe's own bounded
    /// checks, run where the task row is read.
    public func validateRules(_ answer: JSONObject, task: WorkTask, project: Project) throws(DomainError) {
        let data = (try? JSONParser.parse(task.data.text))?.objectValue ?? JSONObject()
        if let own = dialects.dialect(task.dialect).answerViolations(type: task.type, data: data, answer: answer) {
            try Self.refuse(own, source: "the \(task.dialect) dialect's \(task.type) response format")
        } else {
            try Self.refuse(
                AnswerRules.violations(type: task.type, answer: answer, data: data, params: project.params),
                source: "the task type \(task.type)")
        }
    }

    private static func refuse(_ violations: [SchemaViolation], source: String) throws(DomainError) {
        guard let first = violations.first else { return }
        throw DomainError(
            .schemaViolation, "/answer\(first.path) \(first.reason) (\(source))",
            details: violations.prefix(20).map { .init(path: "/answer" + $0.path, reason: $0.reason) })
    }
}
