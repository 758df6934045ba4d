/// Sama's task rules and callbacks: uploaded items `{"data", "priority", "submit"}` with
/// `output_<name>` pre-annotations, Sama's priority sign (lower is worked first), its callback
/// body `{"task": {…}}`, and its retry rule (any answer but 2xx is retried).
public struct SamaDialect: TaskDialect {
    /// The identity stored on tasks created through `/sama`.
    public static let id = DialectID(rawValue: "sama")

    /// The Sama dialect.
    public init() {}

    public var id: DialectID { Self.id }

    /// `{"data": {inputs, "output_<name>": value…}, "priority": n, "submit": bool}`.
    public func taskSpec(fromItem value: JSONValue) throws(DomainError) -> TaskSpec {
        try SamaTaskJSON.spec(value, path: "")
    }

    /// A CSV row: `priority` and `submit` columns as in the JSON item, every other column (inputs
    /// and `output_<name>` pre-annotations) in `data`.
    public func taskSpec(fromTableRow row: JSONObject) throws(DomainError) -> TaskSpec {
        var data = JSONObject()
        for (column, value) in row where column != "priority" && column != "submit" { data[column] = value }
        var item: JSONObject = ["data": .object(data)]
        item["priority"] = try TableCells.integer(row, "priority")
        item["submit"] = try TableCells.flag(row, "submit")
        return try SamaTaskJSON.spec(.object(item), path: "")
    }

    public func callbackBody(for task: WorkTask, kind: EventKind, context: TaskContext) -> RawJSON? {
        RawJSON(["task": SamaTaskJSON.value(task, omitAnswers: false)])
    }

    /// Sama: "Any response code other than 2xx will be treated as a failed attempt".
    public func deliveryVerdict(statusCode: Int, retryAfter: Double?) -> DeliveryVerdict {
        (200..<300).contains(statusCode) ? .delivered : .retry(retryAfter: retryAfter)
    }
}
