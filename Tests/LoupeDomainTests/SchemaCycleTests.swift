import Testing

@testable import LoupeDomain

@Suite("JSON Schema: $ref loops and depth")
struct SchemaCycleTests {
    @Test(arguments: [
        ["$ref": "#"] as JSONValue,
        ["$defs": ["a": ["$ref": "#/$defs/b"], "b": ["$ref": "#/$defs/a"]], "$ref": "#/$defs/a"],
        ["properties": ["x": ["$ref": "#/properties/x"]]],
        ["allOf": [["$ref": "#"]]],
        ["$defs": ["a": ["anyOf": [["not": ["$ref": "#/$defs/a"]]]]], "properties": ["y": ["$ref": "#/$defs/a"]]],
        ["$anchor": "top", "type": "object", "allOf": [["$ref": "#top"]]],
    ])
    func aLoopThatNeverEntersTheInstanceIsRefused(_ schema: JSONValue) {
        #expect(throws: JSONSchemaError.self) { try JSONSchema(schema) }
        do {
            _ = try JSONSchema(schema)
        } catch {
            #expect(error.reason.contains("$ref cycle"))
            #expect(error.path.hasSuffix("$ref") || error.path.contains("allOf") || error.path.contains("not"))
        }
    }

    @Test func anUnknownAnchorIsRefusedInsteadOfMeaningTheRoot() {
        #expect(throws: JSONSchemaError(path: "/properties/a/$ref", reason: "anchor #foo does not exist")) {
            try JSONSchema(["properties": ["a": ["$ref": "#foo"]]])
        }
    }

    @Test func anAnchorResolvesToItsSchema() throws {
        let schema = try JSONSchema([
            "$defs": ["n": ["$anchor": "num", "type": "integer"]], "properties": ["a": ["$ref": "#num"]],
        ])
        #expect(schema.matches(["a": 3]))
        #expect(!schema.matches(["a": "x"]))
    }

    @Test func aLoopThatEntersTheInstanceValidatesDeepData() throws {
        let list = try JSONSchema(["type": "object", "properties": ["next": ["$ref": "#"], "v": ["type": "integer"]]])
        var value: JSONValue = ["v": 1]
        for _ in 0..<200 { value = ["v": 1, "next": value] }
        #expect(list.matches(value))
        var bad: JSONValue = ["v": "x"]
        for _ in 0..<200 { bad = ["v": 1, "next": bad] }
        #expect(!list.matches(bad))
    }

    @Test func aLongChainOfReferencesIsRefusedPastTheDepthLimit() throws {
        func chain(_ length: Int) -> JSONValue {
            var defs = JSONObject()
            for i in 0..<length { defs["d\(i)"] = ["$ref": .string("#/$defs/d\(i + 1)")] }
            defs["d\(length)"] = ["type": "integer"]
            return ["$defs": .object(defs), "$ref": "#/$defs/d0"]
        }
        #expect(throws: JSONSchemaError.self) { try JSONSchema(chain(5_000)) }
        let long = try JSONSchema(chain(JSONSchema.maximumNesting - 5))
        #expect(long.matches(1))
        #expect(!long.matches("x"))
    }

    @Test func deepDataUnderADeepSchemaStopsAtTheDepthLimit() throws {
        // Each level of data costs two levels of schema (the reference and the property).
        let schema = try JSONSchema(["$defs": ["n": ["properties": ["n": ["$ref": "#/$defs/n"]]]], "$ref": "#/$defs/n"])
        var deep: JSONValue = [:]
        for _ in 0..<(JSONSchema.maximumDepth / 2 + 10) { deep = ["n": deep] }
        let violations = schema.validate(deep)
        #expect(violations.count == 1)
        #expect(violations.first?.reason.contains("nested too deeply") == true)
    }
}
