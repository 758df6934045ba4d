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
            return .object(form(String(decoding: bytes, as: UTF8.self)))
        }
        return try JSONParser.parse(bytes)
    }

    /// Keys whose form values are always lists, even when given once.
    static let listKeys: Set<String> = [
        "objects_to_annotate", "categories", "labels", "tags", "choices", "instance_labels", "attachments", "unique_id",
    ]
    /// Keys whose form values are numbers.
    static let numberKeys: Set<String> = ["min_width", "min_height", "min_vertices", "max_vertices", "priority"]

    /// `a=1&a=2&b=true&c[d]=x` as `{"a": ["1", "2"], "b": true, "c": {"d": "x"}}`.
    static func form(_ text: String) -> JSONObject {
        var values: [(String, String)] = []
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(part)
            }
            var key = decode(parts[0])
            if key.hasSuffix("[]") { key.removeLast(2) }
            values.append((key, parts.count > 1 ? decode(parts[1]) : ""))
        }
        var object = JSONObject()
        for key in values.map(\.0).reduce(into: [String](), { if !$0.contains($1) { $0.append($1) } }) {
            let all = values.filter { $0.0 == key }.map { scalar($0.1, key: key) }
            let value: JSONValue = all.count > 1 || listKeys.contains(key) ? .array(all) : all[0]
            // `fields[title]=…` is member `title` of object `fields`.
            if let open = key.firstIndex(of: "["), key.hasSuffix("]") {
                let outer = String(key[..<open])
                let inner = String(key[key.index(after: open)..<key.index(before: key.endIndex)])
                var nested = object[outer]?.objectValue ?? JSONObject()
                nested[inner] = value
                object[outer] = .object(nested)
            } else {
                object[key] = value
            }
        }
        return object
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
        request.uri.queryParameters.getAll(name).map { String($0) }.filter { !$0.isEmpty }
    }

    /// A boolean query parameter (`True`, `true`, `1`…).
    public static func flag(_ request: Request, _ name: String) -> Bool {
        guard let value = all(request, name).last?.lowercased() else { return false }
        return value == "true" || value == "1" || value == "yes"
    }

    /// A time in RFC 3339 or Scale's `YYYY-MM-DD HH:MM:SS.ffffff` (UTC); 400 naming `name` otherwise.
    public static func time(_ request: Request, _ name: String) throws(DomainError) -> Timestamp? {
        guard let text = all(request, name).last else { return nil }
        if let time = Timestamp.parse(text) { return time }
        var normalized = text.replacingOccurrences(of: " ", with: "T")
        if normalized.count == 10 { normalized += "T00:00:00" }
        if !normalized.hasSuffix("Z") && !normalized.contains("+") { normalized += "Z" }
        guard let time = Timestamp.parse(normalized) else {
            throw DomainError.invalidField(name, "must be a time such as 2026-12-01T10:00:00Z or 2026-12-01 10:00:00.000000")
        }
        return time
    }

    /// A path parameter, percent-decoded (Scale encodes names with `safe=""`).
    public static func name(_ context: AppRequestContext, _ key: String = "name") throws(DomainError) -> String {
        guard let raw = context.parameters.get(key) else { throw DomainError.invalidField(key, "is required") }
        return raw.removingPercentEncoding ?? raw
    }
}
