/// What a requester asks for when creating one task, parsed and checked but not yet stored.
public struct TaskSpec: Sendable, Equatable {
    /// Inputs for the worker.
    public var data: JSONValue
    /// Idempotency key unique in the organization.
    public var uniqueID: String?
    /// Higher is served first; `nil` takes the batch's or 0.
    public var priority: Int?
    /// Free metadata (an object).
    public var metadata: JSONObject
    /// Callback target for this task.
    public var callbackURL: String?
    /// Tags for filtering.
    public var tags: [String]
    /// How soon it is wanted; `nil` is standard.
    public var urgency: TaskUrgency?
    /// Held back (`staged`) until the requester submits it.
    public var staged = false
    /// A partial answer the worker starts from (pre-annotations), checked against the project's
    /// delivery schema without its `required` list.
    public var prefill: JSONObject?

    /// A spec with the given fields.
    public init(
        data: JSONValue, uniqueID: String? = nil, priority: Int? = nil, metadata: JSONObject = JSONObject(),
        callbackURL: String? = nil, tags: [String] = []
    ) {
        self.data = data
        self.uniqueID = uniqueID
        self.priority = priority
        self.metadata = metadata
        self.callbackURL = callbackURL
        self.tags = tags
    }

    /// The largest accepted priority magnitude.
    public static let priorityRange = -1_000_000...1_000_000

    /// Parses a task creation object (`{"data", "unique_id"?, "priority"?, "urgency"?, "metadata"?,
    /// "callback_url"?, "tags"?, "staged"?}`).
    /// - Parameter path: JSON Pointer of the object, used in error messages (e.g. `/tasks/3`).
    public static func parse(_ value: JSONValue, path: String = "") throws(DomainError) -> TaskSpec {
        var reader = try FieldReader(value, path: path)
        guard let data = reader.value("data") else {
            throw DomainError.invalidField(reader.pointer("data"), "is required")
        }
        guard case .object = data else {
            throw DomainError.invalidField(reader.pointer("data"), "must be an object, got \(data.typeName)")
        }
        let uniqueID = try reader.string("unique_id", maxLength: 256, allowEmpty: false)
        let priority = try reader.int("priority", in: priorityRange)
        let metadata = try reader.object("metadata") ?? JSONObject()
        let callbackURL = try reader.string("callback_url", maxLength: 2_048, allowEmpty: false)
        if let callbackURL { try CallbackURL.check(callbackURL, at: reader.pointer("callback_url")) }
        let tags = try reader.stringArray("tags", maxCount: 100) ?? []
        let urgency = try TaskUrgency.read(&reader)
        let staged = try reader.bool("staged") ?? false
        let prefill = try reader.object("prefill")
        try reader.rejectUnknownFields()
        var spec = TaskSpec(
            data: data, uniqueID: uniqueID, priority: priority, metadata: metadata, callbackURL: callbackURL,
            tags: tags)
        spec.urgency = urgency
        spec.staged = staged
        spec.prefill = prefill
        return spec
    }
}

/// Rules for callback URLs that do not depend on configuration.
public enum CallbackURL {
    /// What an unacceptable callback URL is told, after its field name.
    public static let requirement = "must be an absolute http or https URL, or an e-mail address (mailto:)"

    /// Throws a 400 naming `path` unless `text` is acceptable, with the e-mail address's own
    /// problem when it is one.
    public static func check(_ text: String, at path: String) throws(DomainError) {
        if MailAddress.isMailDestination(text) {
            do {
                _ = try MailAddress(callbackURL: text)
            } catch {
                throw DomainError.invalidField(path, error.reason)
            }
        } else if !isWebURL(text) {
            throw DomainError.invalidField(path, requirement)
        }
    }

    /// Whether `text` is an absolute http(s) URL with a host and no spaces.
    public static func isWebURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        let rest: Substring
        if lower.hasPrefix("https://") {
            rest = lower.dropFirst(8)
        } else if lower.hasPrefix("http://") {
            rest = lower.dropFirst(7)
        } else {
            return false
        }
        guard let hostEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? Optional(rest.endIndex)
        else { return false }
        let host = rest[rest.startIndex..<hostEnd]
        return !host.isEmpty && !text.contains(where: { $0 == " " || $0.isNewline })
    }
}
