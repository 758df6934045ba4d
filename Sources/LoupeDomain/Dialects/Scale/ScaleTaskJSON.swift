/// Scale's v1 task object: `task_id`, Scale's status names, the type-specific creation fields
/// under `params`, the project and batch by name.
public enum ScaleTaskJSON {
    /// Scale's name for a status: work in any stage is `pending`; handed-over work is `completed`.
    public static func status(_ status: TaskStatus) -> String {
        switch status {
        case .staged, .pending, .inProgress, .inReview: "pending"
        case .completed, .delivered, .acknowledged: "completed"
        case .canceled: "canceled"
        case .error: "error"
        }
    }

    /// Loupe statuses behind one of Scale's, for filters.
    public static func statuses(forScale name: String) -> [TaskStatus]? {
        switch name {
        case "pending": [.staged, .pending, .inProgress, .inReview]
        case "completed": [.completed, .delivered, .acknowledged]
        case "canceled": [.canceled]
        case "error": [.error]
        default: nil
        }
    }

    /// The task object.
    public static func value(_ task: WorkTask, _ context: TaskContext, limited: Bool = false) -> JSONValue {
        var data = (try? JSONParser.parse(task.data.text))?.objectValue ?? JSONObject()
        let instruction = data["instruction"]?.stringValue ?? ""
        data["instruction"] = nil
        let metadata = (try? JSONParser.parse(task.metadata.text)) ?? .object(JSONObject())
        var object: JSONObject = [
            "task_id": .string(task.id), "status": .string(status(task.status)), "metadata": metadata,
            "project": .string(context.projectName),
        ]
        if limited { return .object(object) }
        object["type"] = .string(task.type)
        object["created_at"] = .string(task.createdAt.iso8601)
        object["updated_at"] = .string(task.updatedAt.iso8601)
        if let completed = task.completedAt { object["completed_at"] = .string(completed.iso8601) }
        if let batch = context.batchName { object["batch"] = .string(batch) }
        object["instruction"] = .string(instruction)
        object["params"] = .object(data)
        object["callback_url"] = task.callbackURL.map(JSONValue.string) ?? .null
        if let uniqueID = task.uniqueID { object["unique_id"] = .string(uniqueID) }
        object["tags"] = .array(task.tags.map(JSONValue.string))
        if ["completed", "error"].contains(status(task.status)), let response = task.response {
            object["response"] = Self.response(task, response, data: data, linkBase: context.linkBase)
        }
        object["audits"] = .array(
            context.audits.map { audit in
                [
                    "accepted": .bool(audit.accepted), "comments": audit.comments.map(JSONValue.string) ?? .null,
                    "audited_at": .string(audit.createdAt.iso8601),
                ]
            })
        if let review = task.customerReviewStatus { object["customer_review_status"] = .string(review) }
        object["is_test"] = .bool(task.testMode)
        object["urgency"] = .string(task.urgency.rawValue)
        if let succeeded = task.callbackSucceeded {
            object["callback_succeeded"] = .bool(succeeded)
            if let at = task.callbackAt { object["callback_completed_at"] = .string(at.iso8601) }
        }
        return .object(object)
    }

    /// Scale's callback body: `{"task", "response", "task_id", "status"}`.
    public static func callbackBody(_ task: WorkTask, _ context: TaskContext) -> RawJSON {
        let task = value(task, context)
        let body: JSONValue = [
            "task": task, "task_id": task.objectValue?["task_id"] ?? .null,
            "status": task.objectValue?["status"] ?? .null,
            "response": task.objectValue?["response"] ?? .null,
        ]
        return RawJSON(body)
    }

    /// The stored answer as Scale shows it: segmentation answers become Scale's label mapping and
    /// image links (`<linkBase>/scale/v1/task/<id>/segmentation/<image>.png`); cuboids gain
    /// `points_2d` and `points_3d` when the task gave its camera (`CuboidProjection`).
    static func response(_ task: WorkTask, _ response: RawJSON, data: JSONObject, linkBase: String) -> JSONValue {
        let parsed = (try? JSONParser.parse(response.text)) ?? .null
        guard task.type == "segmentannotation", let answer = parsed.objectValue,
            let segmentation = Segmentation(answer: answer, params: data)
        else { return CuboidProjection.annotating(parsed, type: task.type, params: data) }
        return segmentation.response(base: "\(linkBase)/scale/v1/task/\(task.id)/segmentation")
    }
}
