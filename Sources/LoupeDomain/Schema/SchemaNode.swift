/// One compiled schema: a boolean schema, or the keywords of a schema object in the order
/// they are checked. Child schemas are indices into the node table.
struct SchemaNode: Sendable {
    /// For `true` and `false` schemas, their verdict; nil for schema objects.
    var always: Bool?
    /// The keywords that do something, `type` first and `unevaluated*` last.
    var keywords: [SchemaKeyword] = []
    /// The index of the schema resource (the nearest `$id`, or the root) this schema belongs to.
    var resource = 0
}

/// One compiled keyword (or a group of keywords that only make sense together).
enum SchemaKeyword: Sendable {
    /// `$ref`: the schema to apply in place.
    case ref(Int)
    /// `$dynamicRef`.
    case dynamicRef(DynamicReference)
    /// `type`; checked first, and a mismatch ends the schema's checks.
    case type(SchemaTypes)
    /// `enum`.
    case enumeration([JSONValue])
    /// `const`.
    case constant(JSONValue)
    /// `minimum`.
    case minimum(SchemaNumber)
    /// `maximum`.
    case maximum(SchemaNumber)
    /// `exclusiveMinimum`.
    case exclusiveMinimum(SchemaNumber)
    /// `exclusiveMaximum`.
    case exclusiveMaximum(SchemaNumber)
    /// `multipleOf` (always positive).
    case multipleOf(SchemaNumber)
    /// `minLength`, in code points.
    case minLength(Int)
    /// `maxLength`, in code points.
    case maxLength(Int)
    /// `pattern`.
    case pattern(LinearRegex)
    /// `format`, asserted.
    case format(SchemaFormat)
    /// `minItems`.
    case minItems(Int)
    /// `maxItems`.
    case maxItems(Int)
    /// `uniqueItems: true`.
    case uniqueItems
    /// `prefixItems`.
    case prefixItems([Int])
    /// `items`, applied from `start` (the number of `prefixItems`).
    case items(Int, start: Int)
    /// `contains` with `minContains` (default 1) and `maxContains`.
    case contains(Int, minimum: Int, maximum: Int?)
    /// `required`.
    case required([String])
    /// `dependentRequired`.
    case dependentRequired([(property: String, requires: [String])])
    /// `minProperties`.
    case minProperties(Int)
    /// `maxProperties`.
    case maxProperties(Int)
    /// `properties`.
    case properties([(name: String, schema: Int)])
    /// `patternProperties`.
    case patternProperties([(pattern: LinearRegex, schema: Int)])
    /// `additionalProperties`, with the names and patterns of its sibling keywords.
    case additionalProperties(Int, known: Set<String>, patterns: [LinearRegex])
    /// `propertyNames`.
    case propertyNames(Int)
    /// `dependentSchemas`.
    case dependentSchemas([(property: String, schema: Int)])
    /// `allOf`.
    case allOf([Int])
    /// `anyOf`.
    case anyOf([Int])
    /// `oneOf`.
    case oneOf([Int])
    /// `not`.
    case not(Int)
    /// `if` with its `then` and `else` (which do nothing without `if`).
    case conditional(if: Int, then: Int?, else: Int?)
    /// `unevaluatedItems`; checked last.
    case unevaluatedItems(Int)
    /// `unevaluatedProperties`; checked last.
    case unevaluatedProperties(Int)
}

/// A compiled `$dynamicRef`.
struct DynamicReference: Sendable {
    /// Where the reference points when resolved like `$ref`.
    var initial: Int
    /// The `$dynamicAnchor` name to look for in the dynamic scope; nil when the initial target
    /// has no matching `$dynamicAnchor`, in which case this behaves exactly like `$ref`.
    var anchor: String?
    /// Each resource that declares the anchor, with the schema it names.
    var candidates: [(resource: Int, node: Int)] = []
}

/// The JSON types a `type` keyword allows, as a bit set.
struct SchemaTypes: OptionSet, Sendable {
    /// The bits.
    let rawValue: UInt8
    /// `null`.
    static let null = SchemaTypes(rawValue: 1)
    /// `boolean`.
    static let boolean = SchemaTypes(rawValue: 2)
    /// `object`.
    static let object = SchemaTypes(rawValue: 4)
    /// `array`.
    static let array = SchemaTypes(rawValue: 8)
    /// `number` (integers included).
    static let number = SchemaTypes(rawValue: 16)
    /// `integer` (numbers with no fraction included).
    static let integer = SchemaTypes(rawValue: 32)
    /// `string`.
    static let string = SchemaTypes(rawValue: 64)

    /// The type names JSON Schema uses, in the order messages list them.
    static let byName: [(name: String, type: SchemaTypes)] = [
        ("null", .null), ("boolean", .boolean), ("object", .object), ("array", .array), ("number", .number),
        ("integer", .integer), ("string", .string),
    ]

    /// Whether `value` has one of these types (`integer` includes numbers with no fraction, like 1.0).
    func admits(_ value: JSONValue) -> Bool {
        switch value {
        case .null: contains(.null)
        case .bool: contains(.boolean)
        case .object: contains(.object)
        case .array: contains(.array)
        case .string: contains(.string)
        case .int: contains(.number) || contains(.integer)
        case .double(let number): contains(.number) || (contains(.integer) && number.rounded() == number)
        }
    }

    /// "a string", "an integer" or "one of string, null", for messages.
    var description: String {
        let names = Self.byName.filter { contains($0.type) }.map(\.name)
        guard names.count == 1 else { return "one of " + names.joined(separator: ", ") }
        return (["a", "e", "i", "o", "u"].contains(names[0].first.map(String.init) ?? "") ? "an " : "a ") + names[0]
    }
}

/// Which locations of an instance some keyword has evaluated, for `unevaluatedItems` and
/// `unevaluatedProperties`. Only tracked when the schema uses one of those keywords.
struct EvaluatedLocations {
    /// Whether every member was evaluated.
    var allProperties = false
    /// The members evaluated, when not all were.
    var properties: Set<String> = []
    /// Whether every item was evaluated.
    var allItems = false
    /// How many leading items were evaluated (by `prefixItems`).
    var itemPrefix = 0
    /// Other items evaluated (by `contains`).
    var items: Set<Int> = []

    /// Adds what `other` evaluated.
    mutating func merge(_ other: EvaluatedLocations) {
        allProperties = allProperties || other.allProperties
        if !allProperties { properties.formUnion(other.properties) }
        allItems = allItems || other.allItems
        itemPrefix = max(itemPrefix, other.itemPrefix)
        if !allItems { items.formUnion(other.items) }
    }

    /// Whether the member called `name` was evaluated.
    func evaluated(property name: String) -> Bool { allProperties || properties.contains(name) }

    /// Whether the item at `index` was evaluated.
    func evaluated(item index: Int) -> Bool { allItems || index < itemPrefix || items.contains(index) }
}
