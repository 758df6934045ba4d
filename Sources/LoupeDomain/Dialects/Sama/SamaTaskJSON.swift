/// Sama's view of a task: its state names, its priority sign, and `data` holding the inputs with
/// the pre-annotations as `output_<name>`.
public enum SamaTaskJSON {
    /// The prefix that marks a pre-annotation among a task's data.
    static let outputPrefix = "output_"

    /// Sama's state of `task`.
    public static func state(_ task: WorkTask) -> String {
        switch task.status {
        case .staged: "new"
        case .pending, .inProgress, .inReview: task.customerReviewStatus == "rejected" ? "rejected" : "in progress"
        case .completed: "completed"
        case .delivered: "delivered"
        case .acknowledged: "acknowledged"
        case .canceled: "canceled"
        case .error: "failed"
        }
    }

    /// The native statuses behind a Sama state name; nil for a name Sama does not have.
    public static func statuses(ofState name: String) -> [TaskStatus]? {
        switch name.lowercased() {
        case "new": [.staged]
        case "in progress", "in_progress", "rejected": [.pending, .inProgress, .inReview]
        case "completed", "approved": [.completed]
        case "delivered": [.delivered]
        case "acknowledged": [.acknowledged]
        case "canceled", "cancelled": [.canceled]
        default: nil
        }
    }

    /// A reason naming a field of the pre-filled answer (`/prefill/label …`) in Sama's terms
    /// (`/data/output_label …`); other reasons unchanged.
    public static func samaReason(_ reason: String) -> String {
        reason.hasPrefix("/prefill/") ? "/data/" + outputPrefix + reason.dropFirst("/prefill/".count) : reason
    }

    /// A Sama priority (lower first) as Loupe's (higher first), and back.
    public static func nativePriority(_ samaPriority: Int) -> Int { -samaPriority }

    /// The client batch id a task was created with (`data.client_batch_id`, by Sama's convention).
    public static func clientBatchID(_ task: WorkTask) -> String? {
        (try? JSONParser.parse(task.data.text))?.objectValue?["client_batch_id"]?.stringValue
    }

    /// The task as Sama shows it; `answers` is left out when `omitAnswers`.
    public static func value(_ task: WorkTask, omitAnswers: Bool) -> JSONValue {
        var data = (try? JSONParser.parse(task.data.text))?.objectValue ?? JSONObject()
        if let prefill = task.prefill.flatMap({ try? JSONParser.parse($0.text) })?.objectValue {
            for (name, value) in prefill { data[outputPrefix + name] = value }
        }
        var object: JSONObject = [
            "id": .string(task.id), "project_id": .string(task.projectID),
            "batch_id": task.batchID.map(JSONValue.string) ?? .null,
            "client_batch_id": data["client_batch_id"] ?? .null, "state": .string(state(task)),
            "priority": .int(Int64(-task.priority)), "created_at": .string(task.createdAt.iso8601),
            "updated_at": .string(task.updatedAt.iso8601),
            "completed_at": task.completedAt.map { .string($0.iso8601) } ?? .null,
            "delivered_at": task.deliveredAt.map { .string($0.iso8601) } ?? .null, "data": .object(data),
        ]
        if !omitAnswers {
            object["answers"] = task.response.flatMap { try? JSONParser.parse($0.text) } ?? .object(JSONObject())
        }
        return .object(object)
    }

    /// An uploaded item `{"data", "priority"?, "submit"?}` as a spec: `output_<name>` members of
    /// `data` become the pre-filled answer, the rest the task's inputs; `submit: false` stages it.
    public static func spec(_ value: JSONValue, path: String) throws(DomainError) -> TaskSpec {
        var reader = try FieldReader(value, path: path)
        guard let data = try reader.object("data") else {
            throw DomainError.invalidField(reader.pointer("data"), "is required")
        }
        let priority = try reader.int("priority", in: TaskSpec.priorityRange) ?? 0
        let submit = try reader.bool("submit") ?? false
        try reader.rejectUnknownFields()
        var inputs = JSONObject()
        var outputs = JSONObject()
        for (name, member) in data {
            if name.hasPrefix(outputPrefix), name.count > outputPrefix.count {
                outputs[String(name.dropFirst(outputPrefix.count))] = member
            } else {
                inputs[name] = member
            }
        }
        var spec = TaskSpec(data: .object(inputs), priority: nativePriority(priority))
        spec.staged = !submit
        spec.prefill = outputs.isEmpty ? nil : outputs
        return spec
    }
}
