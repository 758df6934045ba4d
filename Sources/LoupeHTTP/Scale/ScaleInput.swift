import Foundation
public import Hummingbird
public import LoupeDomain

/// Reading Scale requests: bodies as JSON or as form fields with repeated keys, query
/// parameters with repeated keys and Python-style booleans, Scale's timestamps, names in paths.
public enum ScaleInput {
    /// The body as a JSON value: an empty body is `{}`; form bodies become an object.
    public static func body(_ request: Request, limit: Int = 4 << 20) async throws -> JSONValue {
        let buffer = try await request.body.collect(upTo: limit)
        let bytes = Array(buffer.readableBytesView)
        if bytes.allSatisfy({ $0 == 32 || $0 == 10 || $0 == 13 || $0 == 9 }) { return .object(JSONObject()) }
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        if contentType.hasPrefix("application/x-www-form-urlencoded") {
            return .object(try form(String(decoding: bytes, as: UTF8.self)))
        }
        return try JSONBody.parse(buffer)
    }

    /// Keys whose form values are always lists, even when given once.
    static let listKeys: Set<String> = [
        "objects_to_annotate", "categories", "labels", "tags", "choices", "instance_labels", "attachments", "unique_id",
    ]
    /// Keys whose form values are numbers.
    static let numberKeys: Set<String> = ["min_width", "min_height", "min_vertices", "max_vertices", "priority"]

    /// `a=1&a=2&b=true&c[d]=x` as `{"a": ["1", "2"], "b": true, "c": {"d": "x"}}`, in linear time;
    /// a 400 naming the field when a percent-decoded name or value is not UTF-8.
    static func form(_ text: String) throws(DomainError) -> JSONObject {
        FormDecoder.object(try FormDecoder.pairs(text.utf8), listKeys: listKeys) { value, key in scalar(value, key: key)
        }
    }

    private static func scalar(_ text: String, key: String) -> JSONValue {
        switch text.lowercased() {
        case "true": return .bool(true)
        case "false": return .bool(false)
        default: break
        }
        if numberKeys.contains(key), let number = Double(text) {
            return number == number.rounded() && abs(number) < 1e15 ? .int(Int64(number)) : .double(number)
        }
        return .string(text)
    }

    /// Every value of a query parameter (repeated keys are lists).
    public static func all(_ request: Request, _ name: String) -> [String] {
        QueryString.pairs(request.uri.query ?? "").compactMap { $0.name == name && !$0.value.isEmpty ? $0.value : nil }
    }

    /// A boolean query parameter (`True`, `true`, `1`…).
    public static func flag(_ request: Request, _ name: String) -> Bool {
        guard let value = all(request, name).last?.lowercased() else { return false }
        return value == "true" || value == "1" || value == "yes"
    }

    /// A time filter: RFC 3339, Scale's `YYYY-MM-DD HH:MM:SS.ffffff` or `YYYY-MM-DD HH:MM` (UTC when
    /// no zone is given), or a bare date (midnight UTC); 400 naming `name` otherwise.
    public static func time(_ request: Request, _ name: String) throws(DomainError) -> Timestamp? {
        guard let text = all(request, name).last else { return nil }
        guard let time = Timestamp.parseFilterTime(text) else {
            throw DomainError.invalidField(
                name, "must be a time such as 2026-12-01T10:00:00Z, 2026-12-01 10:00:00.000000 or 2026-12-01")
        }
        return time
    }

    /// A path parameter, percent-decoded (Scale encodes names with `safe=""`).
    public static func name(_ context: AppRequestContext, _ key: String = "name") throws(DomainError) -> String {
        guard let raw = context.parameters.get(key) else { throw DomainError.invalidField(key, "is required") }
        return raw.removingPercentEncoding ?? raw
    }
}
