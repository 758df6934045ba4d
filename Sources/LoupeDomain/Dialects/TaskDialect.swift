/// Which API a task was created through, and so whose shapes its answers, callbacks and links
/// follow. Loupe's own API is `native`; each vendor dialect registers its own identity.
public struct DialectID: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The stored name (`native`, `scale`, …): lowercase letters, digits and `_`.
    public let rawValue: String

    /// The dialect named `rawValue`.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Loupe's own API.
    public static let native = DialectID(rawValue: "native")

    public var description: String { rawValue }
}

/// A file a task refers to that could not be fetched before work started.
public struct AttachmentFailure: Sendable, Equatable {
    /// The file's URL.
    public var url: String
    /// The status it answered with, if it answered.
    public var statusCode: Int?
    /// What went wrong, for people.
    public var reason: String?

    /// A failure for `url`.
    public init(url: String, statusCode: Int?, reason: String?) {
        self.url = url
        self.statusCode = statusCode
        self.reason = reason
    }
}

/// What a vendor API changes once one of its tasks exists: the rules an answer must follow, what
/// the synthetic worker answers, the callback's body, links, auth header and retry promise, and
/// which files are fetched before work. Every requirement has a default that means "as Loupe does
/// natively", so a dialect states only what it changes. Core code asks the `DialectRegistry`
/// for a task's or event's dialect and never names a vendor.
public protocol TaskDialect: Sendable {
    /// The identity stored on the dialect's tasks and events.
    var id: DialectID { get }

    /// Violations of the dialect's own answer format for a task of `type` created with `data`;
    /// nil leaves the answer to Loupe's rules for the type.
    func answerViolations(type: String, data: JSONObject, answer: JSONObject) -> [SchemaViolation]?

    /// The answer the test-mode synthetic worker gives; nil for Loupe's own synthetic answer.
    func syntheticAnswer(type: String, data: JSONObject) -> JSONObject?

    /// The callback body for an event of `kind` about `task`, read inside the transaction that
    /// records it; nil for Loupe's own event body.
    func callbackBody(for task: WorkTask, kind: EventKind, context: TaskContext) -> RawJSON?

    /// The retry policy of the dialect's callbacks, given the project's own (a dialect may keep its
    /// vendor's promise when the project left the standard policy).
    func retryPolicy(projectPolicy: RetryPolicy) -> RetryPolicy

    /// URLs of the files `data` refers to, fetched and checked before work when that is on.
    func attachmentURLs(in data: JSONObject) -> [String]

    /// The response a task ends with when its attachments cannot be fetched.
    func attachmentFailureResponse(_ failures: [AttachmentFailure]) -> JSONValue

    /// A stored callback body with its server-relative links made absolute against `base`.
    func absoluteLinks(in body: String, base: String) -> String

    /// The header carrying the organization's callback auth key for this dialect, if it sends one.
    var callbackAuthHeader: String? { get }

    /// The instruction a task of this dialect carries itself (in `data`), shown to workers in place
    /// of the project's; nil when the dialect's tasks have none of their own.
    func instruction(in data: JSONObject) -> String?

    /// One item of a batch created through this dialect (an element of an uploaded file) as a
    /// task spec, in the vendor's field names; errors name the field.
    func taskSpec(fromItem value: JSONValue) throws(DomainError) -> TaskSpec

    /// One row of a CSV file uploaded to a batch of this dialect (column name → cell text) as a
    /// task spec; the project's schemas type the cells of `data` and `prefill` afterwards.
    func taskSpec(fromTableRow row: JSONObject) throws(DomainError) -> TaskSpec

    /// What a receiver's HTTP status means for a callback: delivered, retried or final.
    func deliveryVerdict(statusCode: Int, retryAfter: Double?) -> DeliveryVerdict
}

extension TaskDialect {
    public func answerViolations(type: String, data: JSONObject, answer: JSONObject) -> [SchemaViolation]? { nil }
    public func syntheticAnswer(type: String, data: JSONObject) -> JSONObject? { nil }
    public func callbackBody(for task: WorkTask, kind: EventKind, context: TaskContext) -> RawJSON? { nil }
    public func retryPolicy(projectPolicy: RetryPolicy) -> RetryPolicy { projectPolicy }
    public func attachmentURLs(in data: JSONObject) -> [String] { [] }
    public func absoluteLinks(in body: String, base: String) -> String { body }
    public var callbackAuthHeader: String? { nil }
    public func instruction(in data: JSONObject) -> String? { nil }
    public func taskSpec(fromItem value: JSONValue) throws(DomainError) -> TaskSpec { try TaskSpec.parse(value) }
    public func taskSpec(fromTableRow row: JSONObject) throws(DomainError) -> TaskSpec {
        try TaskSpec.parse(tableRow: row)
    }

    public func deliveryVerdict(statusCode: Int, retryAfter: Double?) -> DeliveryVerdict {
        DeliveryVerdict.forStatus(statusCode, retryAfter: retryAfter)
    }

    public func attachmentFailureResponse(_ failures: [AttachmentFailure]) -> JSONValue {
        [
            "error": "attachments could not be fetched",
            "attachments": .array(
                failures.map {
                    [
                        "url": .string($0.url), "status_code": $0.statusCode.map { .int(Int64($0)) } ?? .null,
                        "reason": $0.reason.map(JSONValue.string) ?? .null,
                    ]
                }),
        ]
    }
}

/// Loupe's own API: every default.
public struct NativeDialect: TaskDialect {
    /// The native dialect.
    public init() {}

    public var id: DialectID { .native }
}

/// The dialects this server speaks, built once in the composition root. A task or event whose
/// dialect is not registered (a plug-in removed since) is treated as native.
public struct DialectRegistry: Sendable {
    private let dialects: [DialectID: any TaskDialect]

    /// A registry of `dialects` plus the native one.
    public init(_ dialects: [any TaskDialect] = []) {
        var byID: [DialectID: any TaskDialect] = [.native: NativeDialect()]
        for dialect in dialects { byID[dialect.id] = dialect }
        self.dialects = byID
    }

    /// The dialect with `id`, or the native one.
    public func dialect(_ id: DialectID) -> any TaskDialect { dialects[id] ?? NativeDialect() }

    /// Every registered identity, native included.
    public var ids: [DialectID] { dialects.keys.sorted { $0.rawValue < $1.rawValue } }
}
