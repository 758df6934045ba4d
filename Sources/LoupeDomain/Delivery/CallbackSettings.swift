/// A project's callback settings (`settings.callback`): where events go, which events, how the
/// receiver authenticates them, and how failed deliveries are retried.
///
/// ```json
/// "callback": {"url": "https://example.com/hook", "events": ["task.completed"],
///              "auth": {"type": "hmac", "key_id": "k1", "secret": "…"},
///              "retry": {"preset": "day"}, "max_concurrency": 8}
/// ```
public struct CallbackSettings: Sendable, Equatable {
    /// The project's endpoint; a task's own `callback_url` wins over it.
    public var url: String?
    /// The event kinds sent.
    public var events: Set<EventKind> = EventKind.defaultKinds
    /// How the receiver authenticates deliveries.
    public var auth = CallbackAuth.none
    /// Attempts and backoff.
    public var retry = RetryPolicy.standard
    /// Requests in flight at once to one endpoint, per node.
    public var maxConcurrency: Int?

    /// No project endpoint, the default events, no auth, five attempts.
    public init() {}

    /// Parses and checks `object`, naming the offending field on error.
    public static func parse(_ object: JSONObject, path: String) throws(DomainError) -> CallbackSettings {
        var settings = CallbackSettings()
        var reader = FieldReader(object, path: path)
        if let url = try reader.string("url", maxLength: 2_048, allowEmpty: false) {
            try CallbackURL.check(url, at: reader.pointer("url"))
            settings.url = url
        }
        if let names = try reader.stringArray("events", maxCount: 20, maxLength: 40) {
            var kinds: Set<EventKind> = []
            for (index, name) in names.enumerated() {
                guard let kind = EventKind(rawValue: name) else {
                    let known = EventKind.allCases.map(\.rawValue).joined(separator: ", ")
                    throw DomainError.invalidField(reader.pointer("events") + "/\(index)", "must be one of: \(known)")
                }
                kinds.insert(kind)
            }
            settings.events = kinds
        }
        if let auth = try reader.object("auth") {
            settings.auth = try CallbackAuth.parse(auth, path: reader.pointer("auth"))
        }
        if let retry = try reader.object("retry") {
            settings.retry = try RetryPolicy.parse(retry, path: reader.pointer("retry"))
        }
        settings.maxConcurrency = try reader.int("max_concurrency", in: 1...256)
        try reader.rejectUnknownFields()
        return settings
    }
}

/// What happened, as named in deliveries and in `settings.callback.events`.
public enum EventKind: String, Sendable, CaseIterable, Hashable {
    case taskCreated = "task.created"
    case taskCompleted = "task.completed"
    case taskError = "task.error"
    case taskReworked = "task.reworked"
    case batchFinished = "batch.finished"

    /// Sent unless the project lists its own: everything but creation.
    public static let defaultKinds: Set<EventKind> = [.taskCompleted, .taskError, .taskReworked, .batchFinished]

    /// Whether the event's outcome is shown on its task as `callback_succeeded`.
    public var setsCallbackOutcome: Bool { self == .taskCompleted || self == .taskError }
}

/// How a receiver authenticates deliveries, the four modes of the Sama callback documentation.
/// Every delivery also carries Loupe's Standard Webhooks signature whatever the mode.
public enum CallbackAuth: Sendable, Equatable {
    /// Nothing beyond the Standard Webhooks signature.
    case none
    /// HTTP basic authentication.
    case basic(username: String, password: String)
    /// `access_key=<key>` added to the URL's query.
    case accessKey(String)
    /// `X-Auth-Token: <token>`.
    case token(String)
    /// `X-wsm-date` plus `Authorization: HMAC-SHA256 <key_id>:<signature>` (see `HMACCallbackSignature`).
    case hmac(keyID: String, secret: String)

    static func parse(_ object: JSONObject, path: String) throws(DomainError) -> CallbackAuth {
        var reader = FieldReader(object, path: path)
        let type = try reader.requiredString("type", maxLength: 20)
        let auth: CallbackAuth
        switch type {
        case "none": auth = .none
        case "basic":
            auth = .basic(
                username: try reader.requiredString("username", maxLength: 200),
                password: try reader.requiredString("password", maxLength: 500))
        case "access_key": auth = .accessKey(try reader.requiredString("access_key", maxLength: 500))
        case "token": auth = .token(try reader.requiredString("token", maxLength: 2_000))
        case "hmac":
            auth = .hmac(
                keyID: try reader.string("key_id", maxLength: 200, allowEmpty: false) ?? "loupe",
                secret: try reader.requiredString("secret", maxLength: 500))
        default:
            throw DomainError.invalidField(
                reader.pointer("type"), "must be one of: none, basic, access_key, token, hmac")
        }
        try reader.rejectUnknownFields()
        return auth
    }
}
