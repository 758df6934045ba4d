/// The native API's JSON form of a task. Stored JSON (data, metadata, response) is spliced in
/// as it is, so listing tasks never re-parses their payloads.
public enum TaskDTO {
    /// Writes one task object.
    public static func write(_ task: WorkTask, into writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("id")
        writer.string(task.id)
        writer.key("project_id")
        writer.string(task.projectID)
        writer.key("batch_id")
        optional(task.batchID, &writer)
        writer.key("type")
        writer.string(task.type)
        writer.key("status")
        writer.string(task.status.rawValue)
        writer.key("data")
        writer.raw(task.data.text)
        writer.key("unique_id")
        optional(task.uniqueID, &writer)
        writer.key("priority")
        writer.int(Int64(task.priority))
        writer.key("urgency")
        writer.string(task.urgency.rawValue)
        writer.key("metadata")
        writer.raw(task.metadata.text)
        writer.key("callback_url")
        optional(task.callbackURL, &writer)
        writer.key("tags")
        writer.beginArray()
        for tag in task.tags { writer.string(tag) }
        writer.endArray()
        if let prefill = task.prefill {
            writer.key("prefill")
            writer.raw(prefill.text)
        }
        writer.key("response")
        if let response = task.response { writer.raw(response.text) } else { writer.null() }
        if let outcome = task.outcome {
            writer.key("outcome")
            writer.raw(outcome.text)
        }
        if task.round > 0 {
            writer.key("round")
            writer.int(Int64(task.round))
        }
        writer.key("test_mode")
        writer.bool(task.testMode)
        writer.key("created_at")
        writer.string(task.createdAt.iso8601)
        writer.key("updated_at")
        writer.string(task.updatedAt.iso8601)
        writer.key("completed_at")
        optional(task.completedAt?.iso8601, &writer)
        writer.key("canceled_at")
        optional(task.canceledAt?.iso8601, &writer)
        if let sequence = task.deliverySequence {
            writer.key("delivery_sequence")
            writer.int(sequence)
        }
        if let succeeded = task.callbackSucceeded {
            writer.key("callback_succeeded")
            writer.bool(succeeded)
            writer.key("callback_at")
            optional(task.callbackAt?.iso8601, &writer)
        }
        if let deliveredAt = task.deliveredAt {
            writer.key("delivered_at")
            writer.string(deliveredAt.iso8601)
        }
        if let acknowledgedAt = task.acknowledgedAt {
            writer.key("acknowledged_at")
            writer.string(acknowledgedAt.iso8601)
        }
        writer.endObject()
    }

    /// One task as JSON bytes.
    public static func bytes(_ task: WorkTask) -> [UInt8] {
        var writer = JSONWriter()
        write(task, into: &writer)
        return writer.bytes
    }

    private static func optional(_ value: String?, _ writer: inout JSONWriter) {
        if let value { writer.string(value) } else { writer.null() }
    }
}
