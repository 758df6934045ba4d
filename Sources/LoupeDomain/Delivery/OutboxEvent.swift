/// Where an event is on its way to its receiver.
public enum EventStatus: String, Sendable, CaseIterable {
    /// Waiting for its next attempt.
    case pending
    /// Leased by a dispatcher that is posting it.
    case delivering
    /// The receiver answered 2xx.
    case delivered
    /// Given up: a final refusal or every attempt failed (a dead letter; it can be resent).
    case dead
}

/// One webhook to send, written in the same transaction as the change that caused it.
public struct OutboxEvent: Sendable, Equatable {
    /// 24-hex id, sent as `webhook-id` so receivers can drop duplicates.
    public var id: String
    /// Owning organization.
    public var organizationID: String
    /// The project it concerns.
    public var projectID: String
    /// The task it concerns, if any.
    public var taskID: String?
    /// The batch it concerns, if any.
    public var batchID: String?
    /// What happened.
    public var kind: EventKind
    /// The URL it is posted to.
    public var targetURL: String
    /// Events with the same key are delivered one after another, in order.
    public var orderingKey: String
    /// The JSON body, fixed when the event was written.
    public var payload: RawJSON
    /// Delivery state.
    public var status: EventStatus
    /// Attempts made so far.
    public var attempts: Int
    /// Attempts allowed before the event becomes a dead letter.
    public var maxAttempts: Int
    /// When the next attempt is due.
    public var nextAttemptAt: Timestamp
    /// The last answer's HTTP status, if any.
    public var lastStatusCode: Int?
    /// The last failure, if any.
    public var lastError: String?
    /// When it was written.
    public var createdAt: Timestamp
    /// When the receiver accepted it.
    public var deliveredAt: Timestamp?
    /// The dialect of the task it is about: its body was rendered by that dialect, and the
    /// dialect's links, auth header and retry promise apply when it is sent.
    public var dialect = DialectID.native
    /// Whether it is about test-mode work (its auth key and listing follow the test mode).
    public var testMode = false

    /// An event.
    public init(
        id: String, organizationID: String, projectID: String, taskID: String?, batchID: String?, kind: EventKind,
        targetURL: String, orderingKey: String, payload: RawJSON, status: EventStatus = .pending, attempts: Int = 0,
        maxAttempts: Int, nextAttemptAt: Timestamp, lastStatusCode: Int? = nil, lastError: String? = nil,
        createdAt: Timestamp, deliveredAt: Timestamp? = nil
    ) {
        self.id = id
        self.organizationID = organizationID
        self.projectID = projectID
        self.taskID = taskID
        self.batchID = batchID
        self.kind = kind
        self.targetURL = targetURL
        self.orderingKey = orderingKey
        self.payload = payload
        self.status = status
        self.attempts = attempts
        self.maxAttempts = maxAttempts
        self.nextAttemptAt = nextAttemptAt
        self.lastStatusCode = lastStatusCode
        self.lastError = lastError
        self.createdAt = createdAt
        self.deliveredAt = deliveredAt
    }

    /// The endpoint a URL names for ordering and concurrency: scheme, host, port and path, no query.
    public static func endpoint(of url: String) -> String {
        String(url.prefix { $0 != "?" && $0 != "#" })
    }
}

/// One try at delivering an event, as kept in its delivery log.
public struct DeliveryAttempt: Sendable, Equatable {
    /// The event.
    public var eventID: String
    /// 1 for the first attempt.
    public var number: Int
    /// When the request started.
    public var startedAt: Timestamp
    /// The receiver's HTTP status, nil when no answer came.
    public var statusCode: Int?
    /// How long it took, in microseconds.
    public var latencyMicroseconds: Int64
    /// What went wrong, nil on success.
    public var error: String?

    /// An attempt.
    public init(
        eventID: String, number: Int, startedAt: Timestamp, statusCode: Int?, latencyMicroseconds: Int64, error: String?
    ) {
        self.eventID = eventID
        self.number = number
        self.startedAt = startedAt
        self.statusCode = statusCode
        self.latencyMicroseconds = latencyMicroseconds
        self.error = error
    }
}

/// How one attempt ended, from the receiver's answer or the transport's failure.
public enum DeliveryVerdict: Sendable, Equatable {
    /// 2xx: done.
    case delivered
    /// 408, 429, 5xx, timeouts and connection errors: try again (after `retryAfter` seconds at least).
    case retry(retryAfter: Double?)
    /// Anything else (other 4xx, 3xx: redirects are not followed, refused addresses): give up.
    case final

    /// The verdict for an HTTP answer with `statusCode` (and its `Retry-After` in seconds, if any).
    public static func forStatus(_ statusCode: Int, retryAfter: Double? = nil) -> DeliveryVerdict {
        switch statusCode {
        case 200..<300: .delivered
        case 408, 429, 500..<600: .retry(retryAfter: statusCode == 429 || statusCode == 503 ? retryAfter : nil)
        default: .final
        }
    }
}

/// The body of an event, as posted: the event's name and id, the task as the API shows it, and
/// (for Scale compatibility) `task_id`, `status` and `response` at the top level.
public enum EventPayload {
    /// The body for a task event.
    public static func task(
        _ task: WorkTask, kind: EventKind, eventID: String, at time: Timestamp, reason: String? = nil
    )
        -> RawJSON
    {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("event")
        writer.string(kind.rawValue)
        writer.key("event_id")
        writer.string(eventID)
        writer.key("created_at")
        writer.string(time.iso8601)
        writer.key("task_id")
        writer.string(task.id)
        writer.key("status")
        writer.string(task.status.rawValue)
        writer.key("response")
        if let response = task.response { writer.raw(response.text) } else { writer.null() }
        if let reason {
            writer.key("reason")
            writer.string(reason)
        }
        writer.key("task")
        TaskDTO.write(task, into: &writer)
        writer.endObject()
        return RawJSON(unchecked: String(decoding: writer.bytes, as: UTF8.self))
    }

    /// The body for a batch event.
    public static func batch(_ batch: Batch, eventID: String, at time: Timestamp) -> RawJSON {
        let body: JSONValue = [
            "event": .string(EventKind.batchFinished.rawValue), "event_id": .string(eventID),
            "created_at": .string(time.iso8601), "batch_id": .string(batch.id), "project_id": .string(batch.projectID),
            "client_batch_id": batch.clientBatchID.map(JSONValue.string) ?? .null,
            "status": .string(batch.status.rawValue),
            "total": .int(Int64(batch.total)), "created": .int(Int64(batch.created)),
            "failed": .int(Int64(batch.failed)),
        ]
        return RawJSON(body)
    }
}
