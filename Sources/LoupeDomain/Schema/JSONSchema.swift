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

/// A compiled JSON Schema, draft 2020-12. Compiled once, then validated many times.
///
/// Supported: `$id` (with base-URI resolution and embedded resources), `$anchor`,
/// `$dynamicAnchor`/`$dynamicRef`, `$ref` (JSON Pointers, anchors, relative URIs), `$defs`,
/// `allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else`, `dependentSchemas`, `prefixItems`,
/// `items`, `contains`/`minContains`/`maxContains`, `properties`, `patternProperties`,
/// `additionalProperties`, `propertyNames`, `unevaluatedItems`, `unevaluatedProperties`,
/// `type`, `enum`, `const`, `multipleOf`, `maximum`, `exclusiveMaximum`, `minimum`,
/// `exclusiveMinimum`, `maxLength`/`minLength` (in Unicode code points), `pattern`,
/// `maxItems`/`minItems`, `uniqueItems`, `maxProperties`/`minProperties`, `required`,
/// `dependentRequired`, `format` and boolean schemas. The annotations `title`, `description`,
/// `default`, `examples`, `deprecated`, `readOnly`, `writeOnly`, `$comment`,
/// `contentMediaType`, `contentEncoding`, `contentSchema`, `$schema` (2020-12 only),
/// `$vocabulary` and any keyword starting with `x-` are accepted and have no effect.
///
/// Refused at compile, with the JSON Pointer of the offending keyword: unknown keywords
/// (including older drafts' `definitions` and `dependencies`), bad keyword values, references
/// to documents outside the schema (remote references), `$ref` cycles that never move into the
/// instance, and regular expressions that cannot be matched in linear time (see ``LinearRegex``).
///
/// `format` is asserted. Known formats: `date-time` (RFC 3339), `date`, `time` (RFC 3339
/// full-time, with offset), `duration` (ISO 8601 as in RFC 3339 appendix A), `email`,
/// `hostname` (RFC 1123), `ipv4`, `ipv6`, `uri` (absolute), `uri-reference`, `uuid`,
/// `json-pointer` and `regex` (a pattern this validator accepts). Any other format name is refused.
public struct JSONSchema: Sendable {
    /// The schema as given.
    public let source: JSONValue
    /// The compiled schemas; node 0 is the root.
    let nodes: [SchemaNode]
    /// Whether validation must track evaluated members and items (the schema uses `unevaluated*`).
    let tracksAnnotations: Bool
    /// Whether validation must track the dynamic scope (some `$dynamicRef` resolves dynamically).
    let tracksDynamicScope: Bool

    /// Compiles `schema`, throwing for anything it cannot honour.
    public init(_ schema: JSONValue) throws(JSONSchemaError) {
        source = schema
        var compiler = SchemaCompiler(root: schema)
        try compiler.compileDocument()
        let compiled = compiler.nodes.compactMap { $0 }
        try compiler.checkNoCycleWithoutProgress(compiled)
        nodes = compiled
        tracksAnnotations = compiler.usesUnevaluated
        tracksDynamicScope = compiler.usesDynamicScope
    }

    /// Every violation of `instance`, empty when it matches.
    public func validate(_ instance: JSONValue) -> [SchemaViolation] {
        var context = ValidationContext(
            tracksAnnotations: tracksAnnotations, tracksDynamicScope: tracksDynamicScope, recording: true)
        var evaluated = EvaluatedLocations()
        let valid = evaluate(instance, node: 0, depth: 0, &context, &evaluated)
        if !valid && context.violations.isEmpty {
            context.violations.append(SchemaViolation(path: "", reason: "does not match the schema"))
        }
        return context.violations
    }

    /// Whether `instance` matches; stops at the first problem.
    public func matches(_ instance: JSONValue) -> Bool {
        var context = ValidationContext(
            tracksAnnotations: tracksAnnotations, tracksDynamicScope: tracksDynamicScope, recording: false)
        var evaluated = EvaluatedLocations()
        let valid = evaluate(instance, node: 0, depth: 0, &context, &evaluated)
        // Only the depth limit records while not recording; it makes the instance invalid anywhere.
        return valid && context.violations.isEmpty
    }

    /// How deep validation may recurse (subschemas and instance levels together) before it stops
    /// with a violation; keeps any schema and instance from exhausting the stack. Data nests at most
    /// 256 levels (the JSON parser's limit), and a recursive schema spends about two levels per level.
    public static let maximumDepth = 600

    /// How many schema nodes one validation may evaluate: past it the data is refused with a
    /// violation saying so, so no schema and data can make one validation run for long (two
    /// million evaluations take well under a second).
    public static let maximumSteps = 2_000_000

    /// How many schemas may apply to the same value one inside another (through `$ref`,
    /// `$dynamicRef`, `allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else`, `dependentSchemas`)
    /// before compilation refuses the schema: a chain of thousands of `$ref`s could never be
    /// validated within ``maximumDepth``. Compilation itself uses a work list, not recursion.
    public static let maximumNesting = 250

    /// A number as messages show it: integers without a fraction.
    static func show(_ number: Double) -> String {
        number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
    }

    /// `key` escaped as a JSON Pointer token (`~` as `~0`, `/` as `~1`).
    static func escape(_ key: String) -> String {
        guard key.contains("~") || key.contains("/") else { return key }
        var escaped = ""
        for character in key {
            switch character {
            case "~": escaped += "~0"
            case "/": escaped += "~1"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
