/// Turning the texts of a CSV row's cells into JSON values: a cell stays a string unless the
/// schema of the object it lands in declares another type for its property, and the envelope
/// fields a dialect reads (priority, flags) are parsed by these helpers with errors naming the
/// column.
public enum TableCells {
    /// `object` with each string member converted to the type `schema` declares for that property
    /// (`properties.<name>.type`): integer, number, boolean, null, object or array (as JSON text).
    /// A property declared to allow strings, or not declared, keeps its text.
    /// - Parameter path: JSON Pointer of the object, for errors (e.g. `/data`).
    public static func typed(_ object: JSONObject, by schema: JSONValue?, path: String) throws(DomainError)
        -> JSONObject
    {
        guard case .object(let root)? = schema, case .object(let properties)? = root["properties"] else {
            return object
        }
        var typed = object
        for (name, value) in object {
            guard case .string(let text) = value, let declared = properties[name]?.objectValue?["type"] else {
                continue
            }
            let types: [String]
            switch declared {
            case .string(let type): types = [type]
            case .array(let list): types = list.compactMap(\.stringValue)
            default: continue
            }
            if types.isEmpty || types.contains("string") { continue }
            guard let converted = convert(text, to: types) else {
                throw DomainError.invalidField(
                    path + "/" + JSONSchema.escape(name),
                    "the cell text '\(text.prefix(60))' is not \(types.joined(separator: " or "))")
            }
            typed[name] = converted
        }
        return typed
    }

    private static func convert(_ text: String, to types: [String]) -> JSONValue? {
        let trimmed = trimmed(text)
        for type in types {
            switch type {
            case "integer":
                if let number = Int64(trimmed) { return .int(number) }
            case "number":
                switch try? JSONParser.parse(trimmed) {
                case .int(let number)?: return .int(number)
                case .double(let number)?: return .double(number)
                default: continue
                }
            case "boolean":
                if let flag = boolean(trimmed) { return .bool(flag) }
            case "null":
                if trimmed == "null" { return .null }
            case "object", "array":
                guard let value = try? JSONParser.parse(trimmed) else { continue }
                if case .object = value, type == "object" { return value }
                if case .array = value, type == "array" { return value }
            default:
                continue
            }
        }
        return nil
    }

    /// `text` without leading and trailing spaces and tabs.
    static func trimmed(_ text: String) -> String {
        var scalars = Substring(text)
        while let first = scalars.first, first == " " || first == "\t" { scalars = scalars.dropFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars = scalars.dropLast() }
        return String(scalars)
    }

    /// `true`/`false` (any case), `yes`/`no` or `1`/`0`.
    static func boolean(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "yes", "1": true
        case "false", "no", "0": false
        default: nil
        }
    }

    /// The integer in column `column` of a row, or a 400 naming the column.
    public static func integer(_ row: JSONObject, _ column: String) throws(DomainError) -> JSONValue? {
        try cell(row, column, "an integer") { Int64($0).map(JSONValue.int) }
    }

    /// The flag in column `column` of a row (`true`/`false`, `yes`/`no`, `1`/`0`), or a 400 naming it.
    public static func flag(_ row: JSONObject, _ column: String) throws(DomainError) -> JSONValue? {
        try cell(row, column, "true or false") { boolean($0).map(JSONValue.bool) }
    }

    private static func cell(
        _ row: JSONObject, _ column: String, _ expected: String, _ convert: (String) -> JSONValue?
    ) throws(DomainError) -> JSONValue? {
        guard let text = row[column]?.stringValue else { return nil }
        guard let value = convert(trimmed(text)) else {
            throw DomainError.invalidField(
                "/" + JSONSchema.escape(column), "the cell text '\(text.prefix(60))' is not \(expected)")
        }
        return value
    }
}
