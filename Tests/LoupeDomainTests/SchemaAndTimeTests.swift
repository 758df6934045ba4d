import Testing

@testable import LoupeDomain

@Suite("JSON Schema, timestamps and ids")
struct SchemaAndTimeTests {
    @Test func reportsEveryViolationWithItsPath() throws {
        let schema = try JSONSchema([
            "type": "object", "required": ["url", "labels"], "additionalProperties": false,
            "properties": [
                "url": ["type": "string", "format": "uri"],
                "labels": ["type": "array", "minItems": 1, "uniqueItems": true, "items": ["enum": ["cat", "dog"]]],
                "size": ["type": "integer", "minimum": 1, "exclusiveMaximum": 10],
                "name": ["type": "string", "pattern": "^[a-z]+$", "maxLength": 5],
                "when": ["type": "string", "format": "date-time"],
            ],
        ])
        #expect(schema.validate(["url": "https://x.io/a", "labels": ["cat"], "size": 3.0]).isEmpty)
        let violations = schema.validate([
            "url": "not a uri", "labels": ["cat", "cat", "cow"], "size": 10, "name": "Abcdefg",
            "when": "2026-02-30T00:00:00Z",
            "extra": 1,
        ])
        let paths = violations.map(\.path)
        #expect(paths.contains("/url"))
        #expect(paths.contains("/labels"))
        #expect(paths.contains("/labels/2"))
        #expect(paths.contains("/size"))
        #expect(paths.filter { $0 == "/name" }.count == 2)
        #expect(paths.contains("/when"))
        #expect(paths.contains("/extra"))
        #expect(schema.validate(["labels": []]).map(\.path).sorted() == ["/labels", "/url"])
        #expect(schema.validate("x") == [SchemaViolation(path: "", reason: "must be an object, got string")])
    }

    @Test func combinatorsConstAndRecursiveRefs() throws {
        let tree = try JSONSchema([
            "$defs": [
                "node": [
                    "type": "object",
                    "properties": [
                        "children": ["type": "array", "items": ["$ref": "#/$defs/node"]], "v": ["const": 1],
                    ],
                ]
            ],
            "$ref": "#/$defs/node",
        ])
        #expect(tree.matches(["children": [["children": [["v": 1]]]]]))
        #expect(tree.validate(["children": [["children": [["v": 2]]]]]).map(\.path) == ["/children/0/children/0/v"])
        let choice = try JSONSchema(["oneOf": [["type": "string"], ["type": "integer"]], "not": ["const": "no"]])
        #expect(choice.matches("yes") && choice.matches(3))
        #expect(!choice.matches(2.5) && !choice.matches("no"))
        let any = try JSONSchema(["anyOf": [["minimum": 5], ["maximum": 1]]])
        #expect(any.matches(0) && any.matches(6) && !any.matches(3))
    }

    @Test func rejectsInvalidSchemasNamingTheSpot() {
        for (schema, path) in [
            (["type": "strin"] as JSONValue, "/type"),
            (["properties": ["a": ["minLength": -1]]], "/properties/a/minLength"),
            (["$ref": "#/nope"], "/$ref"), (["pattern": "("], "/pattern"), (5, ""),
        ] {
            do {
                _ = try JSONSchema(schema)
                Issue.record("accepted \(schema)")
            } catch {
                #expect(error.path == path)
            }
        }
    }

    @Test func timestampsParseAndFormat() throws {
        let time = try #require(Timestamp.parse("2026-11-22T13:50:00.123456789Z"))
        #expect(time.iso8601 == "2026-11-22T13:50:00.123Z")
        #expect(time.iso8601Micros == "2026-11-22T13:50:00.123456Z")
        #expect(Timestamp.parse("2026-11-22T15:50:00+02:00") == Timestamp.parse("2026-11-22T13:50:00Z"))
        #expect(Timestamp.parse("1969-12-31T23:59:59.5Z")?.microseconds == -500_000)
        #expect(Timestamp(microseconds: -500_000).iso8601 == "1969-12-31T23:59:59.500Z")
        #expect(Timestamp.parse("2024-02-29T00:00:00Z") != nil)
        for bad in [
            "2023-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-22T24:00:00Z", "2026-11-22T10:00:00",
            "2026-11-22T10:00:00.Z", "2026-11-22T10:00:00.1234567890Z",
        ] {
            #expect(Timestamp.parse(bad) == nil, "\(bad)")
        }
    }

    @Test func timestampsBeforeYear1OrAfter9999FormatClampedNotGarbled() throws {
        let first = Timestamp.iso8601Range.lowerBound.microseconds
        let last = Timestamp.iso8601Range.upperBound.microseconds
        for micros in [Int64.min, Int64.min + 1, -1_000_000_000_000_000_000, first - 366 * 86_400_000_000, first - 1] {
            let time = Timestamp(microseconds: micros)
            #expect(time.iso8601 == "0001-01-01T00:00:00.000Z", "\(micros)")
            #expect(time.iso8601Micros == "0001-01-01T00:00:00.000000Z", "\(micros)")
            #expect(Timestamp.parse(time.iso8601Micros)?.microseconds == first, "\(micros)")
        }
        for micros in [Int64.max, Int64.max - 1, 1_000_000_000_000_000_000, last + 366 * 86_400_000_000, last + 1] {
            let time = Timestamp(microseconds: micros)
            #expect(time.iso8601 == "9999-12-31T23:59:59.999Z", "\(micros)")
            #expect(time.iso8601Micros == "9999-12-31T23:59:59.999999Z", "\(micros)")
            #expect(Timestamp.parse(time.iso8601Micros)?.microseconds == last, "\(micros)")
        }
        #expect(Timestamp.parse("0001-01-01T00:00:00Z")?.microseconds == first)
        #expect(Timestamp.parse("9999-12-31T23:59:59.999999Z")?.microseconds == last)
    }

    @Test func everyFormattedTimestampParsesBackToItself() throws {
        let range = Timestamp.iso8601Range
        let first = range.lowerBound.microseconds
        let width = UInt64(range.upperBound.microseconds - first)
        var samples: [Int64] = [
            first, first + 1, -86_400_000_001, -1, 0, 1, 951_782_400_000_000, 4_102_444_800_000_000,
        ]
        samples += [range.upperBound.microseconds - 1, range.upperBound.microseconds]
        // A fixed linear congruential sequence: many dates across the range, the same on every run.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            samples.append(first + Int64(state % (width + 1)))
        }
        for micros in samples {
            let time = Timestamp(microseconds: micros)
            let milliseconds = micros - (micros % 1_000 + 1_000) % 1_000
            #expect(Timestamp.parse(time.iso8601Micros) == time, "\(time.iso8601Micros)")
            #expect(Timestamp.parse(time.iso8601)?.microseconds == milliseconds, "\(time.iso8601)")
            #expect(time.iso8601.utf8.count == 24 && time.iso8601Micros.utf8.count == 27)
        }
    }

    @Test func idsAreHexAndIncreasing() {
        let generator = ObjectIDGenerator(
            clock: LoupeClock { Timestamp(microseconds: 1_700_000_000_000_000) }, processBytes: [1, 2, 3, 4, 5])
        let ids = (0..<1_000).map { _ in generator.next() }
        #expect(ids.allSatisfy { ObjectIDGenerator.isValid($0) })
        #expect(ids == ids.sorted())
        #expect(Set(ids).count == ids.count)
        #expect(ids[0].hasPrefix("6553f100"))
    }

    @Test func taskSpecsNameTheirBadFields() {
        #expect(throws: DomainError.invalidField("/tasks/2/priority", "must be an integer, got string")) {
            try TaskSpec.parse(["data": [:], "priority": "x"], path: "/tasks/2")
        }
        #expect(throws: DomainError.invalidField("/data", "is required")) { try TaskSpec.parse([:]) }
        #expect(throws: DomainError.invalidField("/callback_url", CallbackURL.requirement)) {
            try TaskSpec.parse(["data": [:], "callback_url": "ftp://x"])
        }
        #expect(throws: DomainError.self) {
            try TaskSpec.parse(["data": [:], "callback_url": "mailto:a b@example.com"])
        }
        #expect(
            (try? TaskSpec.parse(["data": [:], "callback_url": "mailto:ops@example.com"]))?.callbackURL
                == "mailto:ops@example.com")
    }
}
