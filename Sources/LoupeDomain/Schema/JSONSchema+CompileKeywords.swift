extension SchemaCompiler {
    /// Keywords that are accepted and have no effect on validation.
    static let annotationKeywords: Set<String> = [
        "title", "description", "default", "examples", "deprecated", "readOnly", "writeOnly", "$comment",
        "contentMediaType", "contentEncoding", "contentSchema", "$schema", "$vocabulary", "$id", "$anchor",
        "$dynamicAnchor", "$defs",
    ]

    /// Hints for keywords from older drafts or other tools.
    static let replacements: [String: String] = [
        "definitions": "$defs", "dependencies": "dependentRequired or dependentSchemas", "$recursiveRef": "$dynamicRef",
        "$recursiveAnchor": "$dynamicAnchor", "additionalItems": "items (with prefixItems)", "id": "$id",
    ]

    /// The schema URIs `$schema` may name.
    static let draft202012 = [
        "https://json-schema.org/draft/2020-12/schema", "https://json-schema.org/draft/2020-12/schema#",
    ]

    /// Compiles the schema at `pointer` into a node, queueing the subschemas it names.
    mutating func compileNode(at pointer: String) throws(JSONSchemaError) -> SchemaNode {
        var node = SchemaNode()
        node.resource = map.resource(containing: pointer)
        guard let value = value(at: pointer) else {
            throw JSONSchemaError(path: pointer, reason: "schema does not exist")
        }
        if case .bool(let verdict) = value {
            node.always = verdict
            return node
        }
        guard case .object(let object) = value else {
            throw JSONSchemaError(path: pointer, reason: "a schema must be an object or a boolean")
        }
        var reader = KeywordReader(object: object, pointer: pointer)
        var first: [SchemaKeyword] = []
        var middle: [SchemaKeyword] = []
        var last: [SchemaKeyword] = []
        for (key, member) in object {
            if let keyword = try compileKeyword(key, member, &reader) {
                switch keyword {
                case .type: first.append(keyword)
                case .unevaluatedItems, .unevaluatedProperties: last.append(keyword)
                default: middle.append(keyword)
                }
            }
        }
        middle += try compileCombinedKeywords(&reader)
        node.keywords = first + middle + last
        return node
    }

    /// One keyword, or nil for an annotation or a keyword that is compiled with its siblings.
    private mutating func compileKeyword(_ key: String, _ member: JSONValue, _ reader: inout KeywordReader)
        throws(JSONSchemaError) -> SchemaKeyword?
    {
        let pointer = reader.pointer
        switch key {
        case "$ref":
            return .ref(node(at: try resolve(reference: try reader.string(key), from: pointer, keyword: key).pointer))
        case "$dynamicRef": return .dynamicRef(try dynamicReference(try reader.string(key), from: pointer))
        case "type": return .type(try reader.types())
        case "enum":
            guard case .array(let values) = member else { throw reader.fail(key, "must be an array") }
            return .enumeration(values)
        case "const": return .constant(member)
        case "multipleOf":
            let step = try reader.number(key)
            guard step.compare(to: .int(0)) > 0 else { throw reader.fail(key, "must be greater than 0") }
            return .multipleOf(step)
        case "minimum": return .minimum(try reader.number(key))
        case "maximum": return .maximum(try reader.number(key))
        case "exclusiveMinimum": return .exclusiveMinimum(try reader.number(key))
        case "exclusiveMaximum": return .exclusiveMaximum(try reader.number(key))
        case "minLength": return .minLength(try reader.count(key))
        case "maxLength": return .maxLength(try reader.count(key))
        case "pattern": return .pattern(try reader.regex(try reader.string(key), at: key))
        case "format":
            let name = try reader.string(key)
            guard let format = SchemaFormat(rawValue: name) else {
                throw reader.fail(
                    key,
                    "unknown format \"\(name)\"; supported: "
                        + SchemaFormat.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return .format(format)
        case "minItems": return .minItems(try reader.count(key))
        case "maxItems": return .maxItems(try reader.count(key))
        case "uniqueItems":
            guard case .bool(let unique) = member else { throw reader.fail(key, "must be a boolean") }
            return unique ? .uniqueItems : nil
        case "required": return .required(try reader.uniqueStrings(member, at: key))
        case "dependentRequired":
            guard case .object(let dependencies) = member else {
                throw reader.fail(key, "must be an object of string arrays")
            }
            var pairs: [(property: String, requires: [String])] = []
            for (name, names) in dependencies {
                pairs.append((name, try reader.uniqueStrings(names, at: key + "/" + JSONSchema.escape(name))))
            }
            return .dependentRequired(pairs)
        case "minProperties": return .minProperties(try reader.count(key))
        case "maxProperties": return .maxProperties(try reader.count(key))
        case "properties": return .properties(try schemaMap(key, &reader))
        case "dependentSchemas": return .dependentSchemas(try schemaMap(key, &reader))
        case "patternProperties":
            var compiled: [(pattern: LinearRegex, schema: Int)] = []
            for (name, schema) in try schemaMap(key, &reader) {
                compiled.append((try reader.regex(name, at: key + "/" + JSONSchema.escape(name)), schema))
            }
            return .patternProperties(compiled)
        case "propertyNames": return .propertyNames(try schema(key, &reader))
        case "allOf": return .allOf(try schemaList(key, &reader))
        case "anyOf": return .anyOf(try schemaList(key, &reader))
        case "oneOf": return .oneOf(try schemaList(key, &reader))
        case "not": return .not(try schema(key, &reader))
        case "unevaluatedItems":
            usesUnevaluated = true
            return .unevaluatedItems(try schema(key, &reader))
        case "unevaluatedProperties":
            usesUnevaluated = true
            return .unevaluatedProperties(try schema(key, &reader))
        case "items", "prefixItems", "contains", "minContains", "maxContains", "additionalProperties", "if", "then",
            "else":
            return nil  // compiled together by compileCombinedKeywords
        default:
            try checkAnnotation(key, member, &reader)
            return nil
        }
    }

    /// Keywords whose meaning depends on a sibling: items after prefixItems, contains with its
    /// bounds, additionalProperties after properties and patternProperties, if/then/else.
    private mutating func compileCombinedKeywords(_ reader: inout KeywordReader) throws(JSONSchemaError)
        -> [SchemaKeyword]
    {
        let object = reader.object
        var keywords: [SchemaKeyword] = []
        var prefixCount = 0
        if object["prefixItems"] != nil {
            let prefix = try schemaList("prefixItems", &reader)
            prefixCount = prefix.count
            keywords.append(.prefixItems(prefix))
        }
        if object["items"] != nil {
            if case .array = object["items"] {
                throw reader.fail("items", "must be a schema; for a list of schemas by position use prefixItems")
            }
            keywords.append(.items(try schema("items", &reader), start: prefixCount))
        }
        let minContains = try object["minContains"] == nil ? 1 : reader.count("minContains")
        let maxContains = try object["maxContains"] == nil ? nil : reader.count("maxContains")
        if object["contains"] != nil {
            keywords.append(.contains(try schema("contains", &reader), minimum: minContains, maximum: maxContains))
        }
        if object["additionalProperties"] != nil {
            let known = Set(object["properties"]?.objectValue?.keys ?? [])
            var patterns: [LinearRegex] = []
            for name in object["patternProperties"]?.objectValue?.keys ?? [] {
                patterns.append(try reader.regex(name, at: "patternProperties/" + JSONSchema.escape(name)))
            }
            keywords.append(
                .additionalProperties(try schema("additionalProperties", &reader), known: known, patterns: patterns))
        }
        let then = try object["then"] == nil ? nil : schema("then", &reader)
        let otherwise = try object["else"] == nil ? nil : schema("else", &reader)
        if object["if"] != nil {
            keywords.append(.conditional(if: try schema("if", &reader), then: then, else: otherwise))
        }
        return keywords
    }

    /// Checks the value of an annotation keyword, refusing unknown keywords.
    private mutating func checkAnnotation(_ key: String, _ member: JSONValue, _ reader: inout KeywordReader)
        throws(JSONSchemaError)
    {
        switch key {
        case "title", "description", "$comment", "contentMediaType", "contentEncoding": _ = try reader.string(key)
        case "deprecated", "readOnly", "writeOnly":
            guard case .bool = member else { throw reader.fail(key, "must be a boolean") }
        case "examples":
            guard case .array = member else { throw reader.fail(key, "must be an array") }
        case "default": break
        case "contentSchema": _ = try schema(key, &reader)
        case "$defs": _ = try schemaMap(key, &reader)
        case "$schema":
            let uri = try reader.string(key)
            guard Self.draft202012.contains(uri) else {
                throw reader.fail(
                    key, "names \"\(uri)\"; only JSON Schema draft 2020-12 (\(Self.draft202012[0])) is supported")
            }
        case "$id":
            let id = try reader.string(key)
            if let hash = id.firstIndex(of: "#"), id.index(after: hash) != id.endIndex {
                throw reader.fail(key, "must not have a fragment; name a location with $anchor instead")
            }
        case "$anchor", "$dynamicAnchor":
            let name = try reader.string(key)
            guard Self.isAnchorName(name) else {
                throw reader.fail(key, "must be a letter or underscore followed by letters, digits, -, _ or .")
            }
        case "$vocabulary":
            guard reader.pointer == map.resources[map.resource(containing: reader.pointer)].pointer else {
                throw reader.fail(key, "is only allowed at the root of a schema resource")
            }
            guard case .object(let vocabularies) = member, vocabularies.allSatisfy({ $0.value.boolValue != nil }) else {
                throw reader.fail(key, "must be an object whose values are booleans")
            }
        default:
            guard !key.hasPrefix("x-") else { return }
            let hint = Self.replacements[key].map { "; in draft 2020-12 use \($0)" } ?? ""
            throw reader.fail(
                JSONSchema.escape(key),
                "is not a keyword Loupe supports (unknown keyword \"\(key)\"\(hint); custom annotations must start with x-)"
            )
        }
    }

    /// Whether `name` is a valid `$anchor`/`$dynamicAnchor` (a letter or underscore, then letters, digits, `-`, `_`, `.`).
    static func isAnchorName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic)
        else { return false }
        return name.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0))
        }
    }

    private mutating func schema(_ key: String, _ reader: inout KeywordReader) throws(JSONSchemaError) -> Int {
        switch reader.object[key] {
        case .object?, .bool?: return node(at: reader.pointer + "/" + JSONSchema.escape(key))
        default: throw reader.fail(key, "must be a schema (an object or a boolean)")
        }
    }

    private mutating func schemaList(_ key: String, _ reader: inout KeywordReader) throws(JSONSchemaError) -> [Int] {
        guard case .array(let items)? = reader.object[key], !items.isEmpty else {
            throw reader.fail(key, "must be a non-empty array of schemas")
        }
        var indices: [Int] = []
        for (offset, item) in items.enumerated() {
            guard item.objectValue != nil || item.boolValue != nil else {
                throw reader.fail("\(key)/\(offset)", "must be a schema (an object or a boolean)")
            }
            indices.append(node(at: reader.pointer + "/" + key + "/\(offset)"))
        }
        return indices
    }

    private mutating func schemaMap(_ key: String, _ reader: inout KeywordReader) throws(JSONSchemaError) -> [(
        String, Int
    )] {
        guard case .object(let members)? = reader.object[key] else {
            throw reader.fail(key, "must be an object of schemas")
        }
        var pairs: [(String, Int)] = []
        for (name, item) in members {
            let path = JSONSchema.escape(key) + "/" + JSONSchema.escape(name)
            guard item.objectValue != nil || item.boolValue != nil else {
                throw reader.fail(path, "must be a schema (an object or a boolean)")
            }
            pairs.append((name, node(at: reader.pointer + "/" + path)))
        }
        return pairs
    }
}
