import Testing

@testable import LoupeDomain

@Suite("JSON Schema 2020-12 keywords")
struct SchemaKeywordTests {
    private func refusal(_ schema: JSONValue) -> JSONSchemaError? {
        do {
            _ = try JSONSchema(schema)
            return nil
        } catch {
            return error
        }
    }

    static let unknownKeywords: [(JSONValue, String)] = [
        (["propertes": ["a": true]], "/propertes"),
        (["properties": ["a": ["requried": ["x"]]]], "/properties/a/requried"),
        (["definitions": ["a": true]], "/definitions"), (["items": ["x/y": 1]], "/items/x~1y"),
        (["$recursiveRef": "#"], "/$recursiveRef"),
    ]

    @Test(arguments: unknownKeywords)
    func unknownKeywordsAreRefusedWhereTheyAre(_ schema: JSONValue, _ path: String) {
        let error = refusal(schema)
        #expect(error?.path == path)
        #expect(error?.reason.contains("unknown keyword") == true)
    }

    @Test func annotationsDataAndExtensionsAreAccepted() throws {
        let schema = try JSONSchema([
            "$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "https://loupe.example/task.json",
            "$comment": "c",
            "title": "t", "description": "d", "default": ["propertes": 1], "examples": [["requried": 2]],
            "deprecated": false,
            "readOnly": false, "writeOnly": false, "contentMediaType": "application/json", "contentEncoding": "base64",
            "contentSchema": ["type": "object"], "x-loupe-widget": ["anything": "goes"],
            "enum": [["definitions": 1], 2], "const": 2,
            "$vocabulary": ["https://json-schema.org/draft/2020-12/vocab/core": true],
        ])
        #expect(schema.matches(2))
        #expect(!schema.matches(3))
    }

    static let badValues: [(JSONValue, String)] = [
        (["type": 5], "/type"), (["type": ["string", "string"]], "/type"), (["minItems": -1], "/minItems"),
        (["maxLength": 1.5], "/maxLength"), (["multipleOf": 0], "/multipleOf"), (["multipleOf": -2], "/multipleOf"),
        (["required": ["a", "a"]], "/required"), (["required": "a"], "/required"),
        (["dependentRequired": ["a": ["b", "b"]]], "/dependentRequired/a"),
        (["enum": 1], "/enum"), (["allOf": []], "/allOf"), (["anyOf": [5]], "/anyOf/0"),
        (["properties": ["a": 1]], "/properties/a"),
        (["items": [true]], "/items"), (["uniqueItems": "yes"], "/uniqueItems"), (["minimum": "1"], "/minimum"),
        (["$schema": "http://json-schema.org/draft-07/schema#"], "/$schema"), (["$id": "https://x.io/a#frag"], "/$id"),
        (["$anchor": "1bad"], "/$anchor"), (["$defs": ["a": ["$vocabulary": [:]]]], "/$defs/a/$vocabulary"),
        (["not": "x"], "/not"),
        (["$id": "https://x.io/a", "$defs": ["b": ["$id": "https://x.io/a"]]], "/$defs/b/$id"),
    ]

    @Test(arguments: badValues)
    func badKeywordValuesAreRefusedWithTheirPath(_ schema: JSONValue, _ path: String) {
        #expect(refusal(schema)?.path == path)
    }

    @Test func remoteReferencesAreRefusedAtTheRef() {
        let error = refusal(["properties": ["a": ["$ref": "http://localhost:1234/draft2020-12/tree.json"]]])
        #expect(error?.path == "/properties/a/$ref")
        #expect(error?.reason.contains("remote references are not supported") == true)
        #expect(error?.reason.contains("http://localhost:1234/draft2020-12/tree.json") == true)
        #expect(refusal(["$ref": "https://json-schema.org/draft/2020-12/schema"])?.path == "/$ref")
        #expect(refusal(["$id": "https://x.io/root.json", "$ref": "other.json"])?.path == "/$ref")
        #expect(refusal(["$dynamicRef": "https://x.io/other.json#meta"])?.path == "/$dynamicRef")
    }

    @Test func referencesResolveAgainstIdsAndPointers() throws {
        let schema = try JSONSchema([
            "$id": "https://loupe.example/root.json",
            "properties": [
                "a": ["$ref": "item.json"], "b": ["$ref": "#/$defs/with~1slash%25pct"],
                "c": ["$ref": "item.json#positive"],
            ],
            "$defs": [
                "item": [
                    "$id": "item.json", "type": "integer", "$defs": ["p": ["$anchor": "positive", "minimum": 1]],
                ],
                "with/slash%pct": ["type": "string"],
            ],
        ])
        #expect(schema.matches(["a": 1, "b": "x", "c": 2]))
        #expect(schema.validate(["a": "x", "b": 1, "c": 0]).map(\.path).sorted() == ["/a", "/b", "/c"])
    }

    @Test func dynamicReferencesFollowTheDynamicScope() throws {
        let schema = try JSONSchema([
            "$id": "https://loupe.example/strict-list", "$ref": "list",
            "$defs": [
                "items": ["$dynamicAnchor": "item", "type": "integer"],
                "list": [
                    "$id": "list", "type": "array", "items": ["$dynamicRef": "#item"],
                    "$defs": ["any": ["$dynamicAnchor": "item"]],
                ],
            ],
        ])
        #expect(schema.matches([1, 2]))
        #expect(schema.validate([1, "x"]).map(\.path) == ["/1"])
    }

    @Test func unevaluatedPropertiesSeesThroughApplicators() throws {
        let schema = try JSONSchema([
            "type": "object", "properties": ["kind": ["enum": ["a", "b"]]], "unevaluatedProperties": false,
            "oneOf": [
                ["properties": ["kind": ["const": "a"], "x": true]],
                ["properties": ["kind": ["const": "b"], "y": true]],
            ],
        ])
        #expect(schema.matches(["kind": "a", "x": 1]))
        #expect(
            schema.validate(["kind": "a", "y": 1]) == [
                SchemaViolation(path: "/y", reason: "is not allowed (unevaluatedProperties is false)")
            ])
        let tuple = try JSONSchema([
            "prefixItems": [["type": "string"]], "contains": ["type": "integer"], "unevaluatedItems": false,
        ])
        #expect(tuple.matches(["a", 1, 2]))
        #expect(tuple.validate(["a", 1, true]).map(\.path) == ["/2"])
    }

    @Test func numbersAreExact() throws {
        #expect(try JSONSchema(["multipleOf": 0.0001]).matches(0.0075))
        #expect(try !JSONSchema(["multipleOf": 0.0001]).matches(0.00751))
        #expect(try !JSONSchema(["multipleOf": 0.123456789]).matches(1e308))
        #expect(try JSONSchema(["multipleOf": 1.5]).matches(4.5))
        // 2^53 + 3 is not a multiple of 3, though the nearest double (2^53 + 4) is.
        #expect(try !JSONSchema(["multipleOf": 3]).matches(9_007_199_254_740_995 as JSONValue))
        #expect(try JSONSchema(["multipleOf": 1e-8, "type": "integer"]).matches(12_391_239_123))
        #expect(try !JSONSchema(["maximum": 9_007_199_254_740_992.0]).matches(9_007_199_254_740_993 as JSONValue))
        #expect(try JSONSchema(["const": 1]).matches(1.0))
        #expect(try !JSONSchema(["const": "é"]).matches("e\u{301}"))
        #expect(try !JSONSchema(["uniqueItems": true]).matches(.array((0..<40).map { .int($0) } + [1.0])))
    }

    @Test func keywordsReportReadableViolations() throws {
        let schema = try JSONSchema([
            "type": "object", "dependentRequired": ["card": ["cvv"]], "minProperties": 2,
            "propertyNames": ["maxLength": 4],
            "properties": ["tags": ["type": "array", "contains": ["const": "x"], "maxContains": 1]],
        ])
        let reasons = schema.validate(["card": 1, "tags": ["x", "x"], "longname": 1]).map { "\($0.path) \($0.reason)" }
        #expect(reasons.contains("/cvv is required when \"card\" is present"))
        #expect(reasons.contains("/longname has a name that does not match propertyNames"))
        #expect(reasons.contains("/tags must contain at most 1 item matching contains (found 2)"))
    }

    @Test func uriReferencesResolveAsRFC3986Says() {
        let base = SchemaURI("http://a/b/c/d;p?q")
        for (reference, expected) in [
            ("g", "http://a/b/c/g"), ("./g", "http://a/b/c/g"), ("g/", "http://a/b/c/g/"), ("/g", "http://a/g"),
            ("//g", "http://g"),
            ("?y", "http://a/b/c/d;p?y"), ("#s", "http://a/b/c/d;p?q#s"), ("", "http://a/b/c/d;p?q"),
            ("..", "http://a/b/"),
            ("../g", "http://a/b/g"), ("../../g", "http://a/g"), ("../../../g", "http://a/g"),
            ("g;x=1/../y", "http://a/b/c/y"),
        ] {
            #expect(SchemaURI(reference).resolved(against: base).text == expected, "\(reference)")
        }
        #expect(
            SchemaURI("#/$defs/x").resolved(against: SchemaURI("urn:uuid:deadbeef")).text
                == "urn:uuid:deadbeef#/$defs/x")
    }
}
