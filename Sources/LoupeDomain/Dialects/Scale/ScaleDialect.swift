import Foundation

/// Scale's task rules and callbacks: its response formats, synthetic answers, callback body
/// (`{"task", "response", "task_id", "status"}`) with links made absolute, the
/// `scale-callback-auth` header, a day of retries, and attachments fetched before work.
public struct ScaleDialect: TaskDialect {
    /// The identity stored on tasks created through `/scale`.
    public static let id = DialectID(rawValue: "scale")

    /// The Scale dialect.
    public init() {}

    public var id: DialectID { Self.id }

    public func answerViolations(type: String, data: JSONObject, answer: JSONObject) -> [SchemaViolation]? {
        AnnotationResponseRules.violations(type: type, params: data, response: answer)
    }

    public func syntheticAnswer(type: String, data: JSONObject) -> JSONObject? {
        AnnotationSyntheticAnswer.make(type: type, params: data)
    }

    public func callbackBody(for task: WorkTask, kind: EventKind, context: TaskContext) -> RawJSON? {
        ScaleTaskJSON.callbackBody(task, context)
    }

    /// Scale promises 20 attempts over about a day unless the project chose its own policy.
    public func retryPolicy(projectPolicy: RetryPolicy) -> RetryPolicy {
        projectPolicy == .standard ? .day : projectPolicy
    }

    public func attachmentURLs(in data: JSONObject) -> [String] { ScaleAttachments.urls(in: data) }

    /// A Scale task's own `instruction` (Markdown, often an `<iframe>` of a shared document).
    public func instruction(in data: JSONObject) -> String? {
        data["instruction"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
    }

    public func attachmentFailureResponse(_ failures: [AttachmentFailure]) -> JSONValue {
        ScaleAttachments.errorResponse(failures)
    }

    /// Segmentation masks are linked relative to the server in the stored body.
    public func absoluteLinks(in body: String, base: String) -> String {
        body.replacingOccurrences(of: "\"/scale/v1/task/", with: "\"\(base)/scale/v1/task/")
    }

    public var callbackAuthHeader: String? { "scale-callback-auth" }
}
