import Testing

@testable import LoupeDomain

@Suite("JSON Schema formats")
struct SchemaFormatTests {
    private func check(_ format: SchemaFormat, valid: [String], invalid: [String]) {
        for value in valid {
            #expect(format.accepts(value), "\(format.rawValue) should accept \(value.debugDescription)")
        }
        for value in invalid {
            #expect(!format.accepts(value), "\(format.rawValue) should refuse \(value.debugDescription)")
        }
    }

    @Test func dateTime() {
        check(
            .dateTime, valid: ["2026-02-28T10:00:00Z", "2024-02-29T00:00:00.5+02:00"],
            invalid: ["2026-02-30T00:00:00Z", "2026-02-28 10:00", "x"])
    }

    @Test func date() {
        check(
            .date, valid: ["2024-02-29", "2026-12-31"],
            invalid: ["2023-02-29", "2026-13-01", "2026-1-01", "20260101", "2026-01-01T00:00:00Z"])
    }

    @Test func time() {
        check(
            .time, valid: ["10:20:30Z", "10:20:30.123+02:00", "23:59:60Z", "22:59:60-01:00"],
            invalid: ["10:20:30", "24:00:00Z", "10:60:00Z", "10:20:60Z", "1:2:3Z", "10:20:30.Z"])
    }

    @Test func duration() {
        check(
            .duration, valid: ["P3D", "PT4H", "P1Y2M3DT4H5M6S", "P2W", "PT0S"],
            invalid: ["P", "PT", "3D", "P1H", "PT1D", "P1D2Y", "P1W2D"])
    }

    @Test func email() {
        check(
            .email, valid: ["joe@example.com", "a.b+c@x.io", "x@[127.0.0.1]", "y@[IPv6:::1]"],
            invalid: ["joe", "@x.io", "a..b@x.io", "a@", "a@-x.io", "a b@x.io"])
    }

    @Test func hostname() {
        check(
            .hostname, valid: ["example.com", "a-b.c", "localhost", "xn--bcher-kva.example"],
            invalid: ["", "-a.com", "a-.com", "a..b", "a_b.com", String(repeating: "a", count: 64) + ".com"])
    }

    @Test func ipv4() {
        check(
            .ipv4, valid: ["127.0.0.1", "255.255.255.255", "0.0.0.0"],
            invalid: ["256.0.0.1", "1.2.3", "01.2.3.4", "1.2.3.4.5", "a.b.c.d"])
    }

    @Test func ipv6() {
        check(
            .ipv6, valid: ["::1", "::", "2001:db8::8a2e:370:7334", "1:2:3:4:5:6:7:8", "::ffff:192.168.0.1"],
            invalid: ["1:2:3:4:5:6:7:8:9", "1::2::3", "12345::", "g::1", ":1:2", "1.2.3.4"])
    }

    @Test func uri() {
        check(
            .uri, valid: ["https://x.io/a?b=c#d", "urn:isbn:0451450523", "mailto:a@b.c"],
            invalid: ["not a uri", "//x.io/a", "/path", "x:", ":x"])
    }

    @Test func uriReference() {
        check(
            .uriReference, valid: ["https://x.io/a", "/path/to", "../x?y#z", "#frag", "", "a%20b"],
            invalid: ["a b", "a%2", "a#b#c", "\\\\x"])
    }

    @Test func uuid() {
        check(
            .uuid, valid: ["2eb8aa08-aa98-11ea-b4aa-73b441d16380", "2EB8AA08-AA98-11EA-B4AA-73B441D16380"],
            invalid: ["2eb8aa08aa9811eab4aa73b441d16380", "2eb8aa08-aa98-11ea-b4aa-73b441d1638g", "x"])
    }

    @Test func jsonPointerAndRegex() {
        check(.jsonPointer, valid: ["", "/a/b", "/a~0b/~1"], invalid: ["a", "/a~2", "/a~"])
        check(.regex, valid: ["^a+$", "\\d{3}"], invalid: ["(", "(a)\\1"])
    }

    @Test func schemasAssertFormatsAndRefuseUnknownOnes() throws {
        let schema = try JSONSchema(["properties": ["when": ["format": "date"], "n": ["format": "date"]]])
        #expect(
            schema.validate(["when": "2026-02-30"]) == [
                SchemaViolation(path: "/when", reason: "must be an RFC 3339 date (YYYY-MM-DD)")
            ])
        #expect(schema.matches(["when": "2026-02-28", "n": 5]))
        #expect(throws: JSONSchemaError.self) { try JSONSchema(["format": "color"]) }
        do {
            _ = try JSONSchema(["properties": ["c": ["format": "color"]]])
        } catch {
            #expect(error.path == "/properties/c/format")
            #expect(error.reason.contains("unknown format"))
        }
    }
}
