import Foundation

/// Turns schema JSON into a node table, resolving `$ref` by pointer (cycles allowed).
struct SchemaCompiler {
    let root: JSONValue
    var nodes: [SchemaNode?] = []
    var indexByPointer: [String: Int] = [:]
    var pointerByIndex: [String] = []
    /// How many schemas are being compiled inside one another right now (references included).
    var nesting = 0

    init(root: JSONValue) { self.root = root }

    static let typeNames: Set<String> = ["null", "boolean", "object", "array", "number", "integer", "string"]

    mutating func compile(pointer: String) throws(JSONSchemaError) -> Int {
        if let index = indexByPointer[pointer] { return index }
        guard let value = resolve(pointer) else { throw JSONSchemaError(path: pointer, reason: "$ref target does not exist") }
        guard nesting < JSONSchema.maximumNesting else {
            throw JSONSchemaError(
                path: pointer, reason: "schemas and references nest more than \(JSONSchema.maximumNesting) levels deep")
        }
        let index = nodes.count
        nodes.append(nil)
        indexByPointer[pointer] = index
        pointerByIndex.append(pointer)
        nesting += 1
        defer { nesting -= 1 }
        nodes[index] = try compileNode(value, pointer: pointer)
        return index
    }

    private func resolve(_ pointer: String) -> JSONValue? {
        var current = root
        for token in pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst() {
            let key = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            switch current {
            case .object(let object): guard let next = object[key] else { return nil }; current = next
            case .array(let array): guard let i = Int(key), array.indices.contains(i) else { return nil }; current = array[i]
            default: return nil
            }
        }
        return current
    }

    /// The pointer of the schema object whose `$anchor` is `name`, searching `value` depth first.
    private static func pointer(ofAnchor name: String, in value: JSONValue, at pointer: String) -> String? {
        switch value {
        case .object(let object):
            if object["$anchor"]?.stringValue == name { return pointer }
            for (key, member) in object where key != "enum" && key != "const" {
                if let found = Self.pointer(ofAnchor: name, in: member, at: pointer + "/" + escape(key)) { return found }
            }
        case .array(let array):
            for (offset, member) in array.enumerated() {
                if let found = Self.pointer(ofAnchor: name, in: member, at: pointer + "/\(offset)") { return found }
            }
        default: break
        }
        return nil
    }

    private static func escape(_ key: String) -> String {
        key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    private mutating func compileNode(_ value: JSONValue, pointer: String) throws(JSONSchemaError) -> SchemaNode {
        var node = SchemaNode()
        if case .bool(let always) = value {
            node.always = always
            return node
        }
        guard case .object(let object) = value else {
            throw JSONSchemaError(path: pointer, reason: "a schema must be an object or a boolean")
        }
        func fail(_ key: String, _ reason: String) -> JSONSchemaError {
            JSONSchemaError(path: pointer + "/" + Self.escape(key), reason: reason)
        }
        func count(_ key: String) throws(JSONSchemaError) -> Int? {
            guard let member = object[key] else { return nil }
            guard let number = member.intValue, number >= 0 else { throw fail(key, "must be a non-negative integer") }
            return Int(number)
        }
        func number(_ key: String) throws(JSONSchemaError) -> Double? {
            guard let member = object[key] else { return nil }
            guard let number = member.doubleValue else { throw fail(key, "must be a number") }
            return number
        }
        func schemaList(_ key: String) throws(JSONSchemaError) -> [Int] {
            guard let member = object[key] else { return [] }
            guard case .array(let array) = member, !array.isEmpty else { throw fail(key, "must be a non-empty array of schemas") }
            var indices: [Int] = []
            for offset in array.indices { indices.append(try compile(pointer: pointer + "/\(key)/\(offset)")) }
            return indices
        }
        if let ref = object["$ref"] {
            guard case .string(let target) = ref, target.hasPrefix("#") else {
                throw fail("$ref", "must be a reference within this schema, starting with #")
            }
            let fragment = String(target.dropFirst()).removingPercentEncoding ?? String(target.dropFirst())
            // A fragment that is not a JSON Pointer names an `$anchor`; it must not fall back to the root.
            let targetPointer: String
            if fragment.isEmpty || fragment.hasPrefix("/") {
                targetPointer = fragment
            } else if let anchored = Self.pointer(ofAnchor: fragment, in: root, at: "") {
                targetPointer = anchored
            } else {
                throw fail("$ref", "anchor \(target) does not exist")
            }
            guard resolve(targetPointer) != nil else { throw fail("$ref", "target \(target) does not exist") }
            node.ref = try compile(pointer: targetPointer)
        }
        if let type = object["type"] {
            let names: [String]
            switch type {
            case .string(let name): names = [name]
            case .array(let array): names = array.compactMap(\.stringValue)
                if names.count != array.count { throw fail("type", "must be a type name or an array of type names") }
            default: throw fail("type", "must be a type name or an array of type names")
            }
            for name in names where !Self.typeNames.contains(name) { throw fail("type", "unknown type \"\(name)\"") }
            node.types = names
        }
        if let properties = object["properties"] {
            guard case .object(let members) = properties else { throw fail("properties", "must be an object") }
            for (key, _) in members {
                node.properties.append((key, try compile(pointer: pointer + "/properties/" + Self.escape(key))))
            }
        }
        if let required = object["required"] {
            guard case .array(let array) = required, array.allSatisfy({ $0.stringValue != nil }) else {
                throw fail("required", "must be an array of strings")
            }
            node.required = array.compactMap(\.stringValue)
        }
        switch object["additionalProperties"] {
        case nil, .bool(true): node.additional = .allowed
        case .bool(false): node.additional = .forbidden
        case .object: node.additional = .schema(try compile(pointer: pointer + "/additionalProperties"))
        default: throw fail("additionalProperties", "must be a boolean or a schema")
        }
        if let values = object["enum"] {
            guard case .array(let array) = values else { throw fail("enum", "must be an array") }
            node.enumValues = array
        }
        if let constant = object["const"] { node.constValue = .some(constant) }
        if object["items"] != nil { node.items = try compile(pointer: pointer + "/items") }
        node.minItems = try count("minItems")
        node.maxItems = try count("maxItems")
        if let unique = object["uniqueItems"] {
            guard case .bool(let flag) = unique else { throw fail("uniqueItems", "must be a boolean") }
            node.uniqueItems = flag
        }
        node.minLength = try count("minLength")
        node.maxLength = try count("maxLength")
        node.minimum = try number("minimum")
        node.maximum = try number("maximum")
        node.exclusiveMinimum = try number("exclusiveMinimum")
        node.exclusiveMaximum = try number("exclusiveMaximum")
        if let pattern = object["pattern"] {
            guard case .string(let text) = pattern, let regex = try? SchemaRegex(text) else {
                throw fail("pattern", "must be a valid regular expression")
            }
            node.pattern = regex
        }
        if let format = object["format"] {
            guard case .string(let name) = format else { throw fail("format", "must be a string") }
            node.format = name
        }
        node.oneOf = try schemaList("oneOf")
        node.anyOf = try schemaList("anyOf")
        node.allOf = try schemaList("allOf")
        if object["not"] != nil { node.not = try compile(pointer: pointer + "/not") }
        return node
    }
}
