/// One schema resource: the document root or a subschema with its own `$id`.
struct SchemaResource: Sendable {
    /// The absolute URI, without fragment, that identifies it.
    var uri: String
    /// Where it sits in the document (a JSON Pointer).
    var pointer: String
    /// Its `$dynamicAnchor` names and the pointers of the schemas declaring them.
    var dynamicAnchors: [String: String] = [:]
}

/// The resources and anchors of a schema document, found by walking only schema positions
/// (so an `$id` inside `enum` or `const` data is not an identifier).
struct SchemaResourceMap {
    /// Every resource; index 0 is the document root.
    var resources: [SchemaResource] = []
    /// Resource indices by URI.
    var resourceByURI: [String: Int] = [:]
    /// `$anchor` and `$dynamicAnchor` targets by "resource-uri#name".
    var anchors: [String: String] = [:]
    /// Where two resources claim the same URI, if anywhere (reported at compile).
    var duplicate: (pointer: String, uri: String)?
    /// The resource of every schema position the walk visited.
    private var resourceByPointer: [String: Int] = [:]

    /// The base URI of a schema without `$id`: relative references resolve against it, and
    /// anything they reach outside the document counts as remote.
    static let defaultBaseURI = "loupe:schema"

    /// Keywords whose value is one schema.
    static let singleSchemaKeywords: Set<String> = [
        "additionalProperties", "propertyNames", "items", "contains", "not", "if", "then", "else",
        "unevaluatedItems", "unevaluatedProperties", "contentSchema",
    ]
    /// Keywords whose value is an array of schemas.
    static let schemaArrayKeywords: Set<String> = ["allOf", "anyOf", "oneOf", "prefixItems"]
    /// Keywords whose value is an object of schemas.
    static let schemaMapKeywords: Set<String> = ["properties", "patternProperties", "dependentSchemas", "$defs"]

    /// Maps `root`.
    init(root: JSONValue) {
        walk(root, pointer: "", resource: nil)
    }

    /// The index of the innermost resource containing the location `pointer`.
    func resource(containing pointer: String) -> Int {
        if let known = resourceByPointer[pointer] { return known }
        // A `$ref` may point somewhere the walk did not visit (inside a non-schema keyword).
        var best = 0
        var bestLength = -1
        for (index, resource) in resources.enumerated() where resource.pointer.count > bestLength {
            if pointer == resource.pointer || pointer.hasPrefix(resource.pointer + "/") {
                best = index
                bestLength = resource.pointer.count
            }
        }
        return best
    }

    private mutating func walk(_ value: JSONValue, pointer: String, resource: Int?) {
        guard case .object(let object) = value else {
            resourceByPointer[pointer] = resource ?? register(uri: Self.defaultBaseURI, pointer: pointer)
            return
        }
        var current = resource ?? -1
        let base = resource.map { resources[$0].uri } ?? Self.defaultBaseURI
        if case .string(let id)? = object["$id"] {
            let uri = SchemaURI(id).resolved(against: SchemaURI(base)).withoutFragment.text
            current = register(uri: uri, pointer: pointer)
        } else if resource == nil {
            current = register(uri: Self.defaultBaseURI, pointer: pointer)
        }
        resourceByPointer[pointer] = current
        let uri = resources[current].uri
        if case .string(let name)? = object["$anchor"] {
            anchors[uri + "#" + name] = anchors[uri + "#" + name] ?? pointer
        }
        if case .string(let name)? = object["$dynamicAnchor"] {
            anchors[uri + "#" + name] = anchors[uri + "#" + name] ?? pointer
            if resources[current].dynamicAnchors[name] == nil { resources[current].dynamicAnchors[name] = pointer }
        }
        for (key, member) in object {
            let memberPointer = pointer + "/" + JSONSchema.escape(key)
            if Self.singleSchemaKeywords.contains(key) {
                walk(member, pointer: memberPointer, resource: current)
            } else if Self.schemaArrayKeywords.contains(key), case .array(let items) = member {
                for (offset, item) in items.enumerated() {
                    walk(item, pointer: memberPointer + "/\(offset)", resource: current)
                }
            } else if Self.schemaMapKeywords.contains(key), case .object(let members) = member {
                for (name, item) in members {
                    walk(item, pointer: memberPointer + "/" + JSONSchema.escape(name), resource: current)
                }
            }
        }
    }

    @discardableResult
    private mutating func register(uri: String, pointer: String) -> Int {
        if resourceByURI[uri] != nil {
            if duplicate == nil { duplicate = (pointer, uri) }
            return resourceByURI[uri] ?? 0
        }
        resources.append(SchemaResource(uri: uri, pointer: pointer))
        resourceByURI[uri] = resources.count - 1
        return resources.count - 1
    }
}
