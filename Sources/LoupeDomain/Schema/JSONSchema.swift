import Foundation

/// A problem found while validating an instance: where (a JSON Pointer into the instance) and why.
public struct SchemaViolation: Sendable, Equatable {
    /// JSON Pointer into the instance ("" for the root).
    public var path: String
    /// Why it does not match, e.g. "is required".
    public var reason: String

    /// A violation at `path`.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}

/// A schema that is itself invalid: where (a JSON Pointer into the schema) and why.
public struct JSONSchemaError: Error, Sendable, Equatable {
    /// JSON Pointer into the schema.
    public var path: String
    /// What is wrong.
    public var reason: String
}

/// A compiled JSON Schema (the subset Loupe supports: type, properties, required,
/// additionalProperties, enum, const, items, min/maxItems, uniqueItems, min/maxLength, minimum,
/// maximum, exclusiveMinimum/Maximum, pattern, format uri/date-time, oneOf, anyOf, allOf, not,
/// and `$ref` within the document). Compiled once, then validated many times.
public struct JSONSchema: Sendable {
    /// The schema as given.
    public let source: JSONValue
    let nodes: [SchemaNode]

    /// Compiles `schema`, throwing for anything it cannot honour.
    public init(_ schema: JSONValue) throws(JSONSchemaError) {
        source = schema
        var compiler = SchemaCompiler(root: schema)
        _ = try compiler.compile(pointer: "")
        try compiler.checkNoCycleWithoutProgress()
        nodes = compiler.nodes.map { $0! }
    }

    /// Every violation of `instance`, empty when it matches.
    public func validate(_ instance: JSONValue) -> [SchemaViolation] {
        var violations: [SchemaViolation] = []
        validate(instance, node: 0, path: "", depth: 0, into: &violations)
        return violations
    }

    /// How deep validation may recurse (subschemas and instance levels together) before it stops
    /// with a violation; keeps any schema and instance from exhausting the stack. Data nests at most
    /// 256 levels (the JSON parser's limit), and a recursive schema spends about two levels per level.
    public static let maximumDepth = 600

    /// How deeply schemas may nest inside one another, references followed, at compile time; a
    /// deeper schema is refused (a chain of thousands of `$ref`s would otherwise exhaust the stack).
    public static let maximumNesting = 250

    /// Whether `instance` matches.
    public func matches(_ instance: JSONValue) -> Bool { validate(instance).isEmpty }
}

/// Holds a compiled regular expression.
/// `@unchecked Sendable`: NSRegularExpression is immutable after creation and safe to share for matching.
final class SchemaRegex: @unchecked Sendable {
    let pattern: String
    let expression: NSRegularExpression

    init(_ pattern: String) throws {
        self.pattern = pattern
        self.expression = try NSRegularExpression(pattern: pattern)
    }

    func matches(_ string: String) -> Bool {
        expression.firstMatch(in: string, range: NSRange(string.startIndex..., in: string)) != nil
    }
}

/// One compiled schema object; child schemas are indices into the node table.
struct SchemaNode: Sendable {
    enum Additional: Sendable { case allowed, forbidden, schema(Int) }
    var always: Bool?
    var types: [String]?
    var properties: [(String, Int)] = []
    var required: [String] = []
    var additional = Additional.allowed
    var enumValues: [JSONValue]?
    var constValue: JSONValue??
    var items: Int?
    var minItems: Int?
    var maxItems: Int?
    var uniqueItems = false
    var minLength: Int?
    var maxLength: Int?
    var minimum: Double?
    var maximum: Double?
    var exclusiveMinimum: Double?
    var exclusiveMaximum: Double?
    var pattern: SchemaRegex?
    var format: String?
    var oneOf: [Int] = []
    var anyOf: [Int] = []
    var allOf: [Int] = []
    var not: Int?
    var ref: Int?
}

/// JSON equality in which 1 and 1.0 are the same number.
func jsonEqual(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
    switch (lhs, rhs) {
    case (.int, .double), (.double, .int), (.double, .double), (.int, .int):
        return lhs.doubleValue == rhs.doubleValue
    case (.array(let a), .array(let b)):
        return a.count == b.count && zip(a, b).allSatisfy { jsonEqual($0, $1) }
    case (.object(let a), .object(let b)):
        return a.count == b.count && a.allSatisfy { key, value in b[key].map { jsonEqual(value, $0) } ?? false }
    default:
        return lhs == rhs
    }
}
