/// Reads and checks keyword values of one schema object, producing errors that point at them.
struct KeywordReader {
    /// The schema object.
    let object: JSONObject
    /// Its JSON Pointer in the document.
    let pointer: String

    /// An error at `relativePath` (already escaped) below this schema.
    func fail(_ relativePath: String, _ reason: String) -> JSONSchemaError {
        JSONSchemaError(path: pointer + "/" + relativePath, reason: reason)
    }

    /// The string value of `key`.
    func string(_ key: String) throws(JSONSchemaError) -> String {
        guard case .string(let text)? = object[key] else { throw fail(JSONSchema.escape(key), "must be a string") }
        return text
    }

    /// The numeric value of `key`.
    func number(_ key: String) throws(JSONSchemaError) -> SchemaNumber {
        guard let member = object[key], let number = SchemaNumber(member) else { throw fail(key, "must be a number") }
        return number
    }

    /// The value of `key` as a non-negative integer (1.0 counts as 1).
    func count(_ key: String) throws(JSONSchemaError) -> Int {
        guard let number = object[key]?.intValue, number >= 0 else { throw fail(key, "must be a non-negative integer") }
        return Int(clamping: number)
    }

    /// The value of `type`: one type name or an array of distinct ones.
    func types() throws(JSONSchemaError) -> SchemaTypes {
        let names: [JSONValue]
        switch object["type"] {
        case .string?: names = [object["type"] ?? .null]
        case .array(let array)?: names = array
        default: throw fail("type", "must be a type name or an array of type names")
        }
        var types: SchemaTypes = []
        for name in names {
            guard case .string(let text) = name else {
                throw fail("type", "must be a type name or an array of type names")
            }
            guard let type = SchemaTypes.byName.first(where: { $0.name == text })?.type else {
                throw fail(
                    "type",
                    "unknown type \"\(text)\"; expected one of null, boolean, object, array, number, integer, string")
            }
            guard !types.contains(type) else { throw fail("type", "lists \"\(text)\" twice") }
            types.insert(type)
        }
        return types
    }

    /// `value` as an array of distinct strings (for `required` and `dependentRequired`).
    func uniqueStrings(_ value: JSONValue, at relativePath: String) throws(JSONSchemaError) -> [String] {
        guard case .array(let items) = value else { throw fail(relativePath, "must be an array of strings") }
        var seen = Set<String>()
        for item in items {
            guard case .string(let name) = item else { throw fail(relativePath, "must be an array of strings") }
            guard seen.insert(name).inserted else { throw fail(relativePath, "lists \"\(name)\" twice") }
        }
        return items.compactMap(\.stringValue)
    }

    /// `pattern` compiled, or an error at `relativePath` saying why it cannot be used.
    func regex(_ pattern: String, at relativePath: String) throws(JSONSchemaError) -> LinearRegex {
        do {
            return try LinearRegex(pattern)
        } catch {
            throw fail(relativePath, "is not a supported regular expression: \(error.reason)")
        }
    }
}
