import Testing

@testable import LoupeDomain

@Suite("Linear-time regular expressions")
struct LinearRegexTests {
    private func matches(_ pattern: String, _ input: String) throws -> Bool {
        try LinearRegex(pattern).matches(input)
    }

    static let matchingCases: [(String, String, Bool)] = [
        // Literals, escapes and search semantics (not implicitly anchored).
        ("a+", "xxa", true), ("a+", "xx", false), ("colou?r", "my color", true), ("", "abc", true), ("a|", "x", true),
        ("^\\/\\.\\-$", "/.-", true), ("^\\t\\n$", "\t\n", true), ("\\$\\^", "$^", true), ("^\\cJ$", "\n", true),
        ("^\\0$", "\0", true),
        ("^\\u0041\\x42\\u{1F600}$", "AB😀", true), ("^\\uD83D\\uDE00$", "😀", true), ("a{", "a{", true),
        ("x}", "x}", true),
        // Dot, anchors, word boundaries.
        ("^a.c$", "abc", true), ("^a.c$", "a\nc", false), ("^.$", "😀", true), ("^$", "", true), ("é$", "café", true),
        ("\\bfoo\\b", "a foo b", true), ("\\bfoo\\b", "afoo", false), ("\\Bfoo", "afoo", true),
        // Classes.
        ("^[^a-c]+$", "xyz", true), ("^[^a-c]+$", "xbz", false), ("^[\\d.]+$", "1.5", true), ("^[\\D]+$", "ab", true),
        ("^[\\D]+$", "a1", false), ("^[a\\-z]+$", "-a", true), ("^[a\\-z]+$", "b", false), ("^[]$", "", false),
        ("^[^]$", "\n", true),
        ("[\\b]", "\u{8}", true), ("^\\d{3}-\\d{4}$", "555-1234", true), ("^\\w+\\s\\S+$", "ab c", true),
        ("^\\W$", "!", true),
        // Unicode properties.
        ("^\\p{Letter}+$", "héllo", true), ("^\\p{Letter}+$", "h3", false), ("^\\p{Lu}\\p{Ll}+$", "Hello", true),
        ("^\\P{L}+$", "123", true), ("^[\\p{N}]+$", "٣3", true), ("^\\p{gc=Nd}$", "7", true),
        // Groups, alternation, quantifiers (lazy ones too).
        ("^(a|b)c$", "bc", true), ("^(?:ab|cd)+$", "abcdab", true), ("^(?<x>ab)$", "ab", true),
        ("^(ab|a)(bc|c)$", "abc", true),
        ("^a{2}$", "aa", true), ("^a{2}$", "aaa", false), ("^a{2,3}$", "aaa", true), ("^a{2,3}$", "aaaa", false),
        ("^a{2,}?$", "aaaaa", true), ("^a+?b*?c??$", "aab", true), ("(a*)*b", "aaab", true), ("(a*)*b", "aaa", false),
        ("(|a)+b", "ab", true),
    ]

    @Test(arguments: matchingCases)
    func supportsTheSyntaxPeopleUse(_ pattern: String, _ input: String, _ expected: Bool) throws {
        #expect(try matches(pattern, input) == expected, "/\(pattern)/ on \(input.debugDescription)")
    }

    @Test func catastrophicPatternsRunInLinearTime() throws {
        let many = String(repeating: "a", count: 10_000) + "b"
        #expect(try !matches("^(a+)+$", many))
        #expect(try !matches("(x+x+)+y", String(repeating: "x", count: 10_000)))
        #expect(try !matches("(a|aa)+$", many))
        #expect(try !matches("^(a|a?)+$", many))
        #expect(try matches("(a+)+b", many))
        #expect(try matches("^(\\w+\\s?)*$", String(repeating: "word ", count: 5_000)))
    }

    static let refusedPatterns: [(String, String)] = [
        ("(a)\\1", "backreference"), ("(?<n>a)\\k<n>", "backreference"), ("a(?=b)", "lookahead"),
        ("a(?!b)", "lookahead"),
        ("(?<=a)b", "lookbehind"), ("(?<!a)b", "lookbehind"), ("(a{1000}){1000}", "too large"),
        ("a{99999999999}", "too large"),
        ("(", "unclosed"), (")", "unmatched"), ("*a", "nothing to repeat"), ("a**", "nothing to repeat"),
        ("[a", "unclosed"),
        ("a{3,2}", "out of order"), ("[z-a]", "out of order"), ("^*", "assertion"), ("\\p{Script=Greek}", "script"),
        ("\\p{Foo}", "unknown"), ("\\z", "not ECMA"), ("\\q", "unknown escape"), ("(?i)a", "group syntax"),
    ]

    @Test(arguments: refusedPatterns)
    func refusesWhatItCannotMatchInLinearTime(_ pattern: String, _ fragment: String) {
        do {
            _ = try LinearRegex(pattern)
            Issue.record("accepted /\(pattern)/")
        } catch {
            #expect(error.reason.contains(fragment), "/\(pattern)/: \(error.reason)")
        }
    }

    @Test func refusesDeepNestingWithoutExhaustingTheStack() {
        let deep = String(repeating: "(", count: 5_000) + String(repeating: ")", count: 5_000)
        #expect(throws: RegexSyntaxError.self) { try LinearRegex(deep) }
    }

    @Test func schemasRefuseBadPatternsAtTheKeyword() {
        #expect(throws: JSONSchemaError.self) { try JSONSchema(["pattern": "(a)\\1"]) }
        do {
            _ = try JSONSchema(["properties": ["a": ["pattern": "a(?=b)"]]])
        } catch {
            #expect(error.path == "/properties/a/pattern")
            #expect(error.reason.contains("lookahead"))
        }
        do {
            _ = try JSONSchema(["patternProperties": ["^x/(?<=y)": true]])
        } catch {
            #expect(error.path == "/patternProperties/^x~1(?<=y)")
            #expect(error.reason.contains("lookbehind"))
        }
    }

    @Test func schemaPatternsAreNotAnchored() throws {
        let schema = try JSONSchema(["pattern": "b+", "patternProperties": ["^x": ["type": "integer"]]])
        #expect(schema.matches("abbc"))
        #expect(!schema.matches("ac"))
        #expect(schema.matches(["xa": 1, "ya": "s"]))
        #expect(!schema.matches(["xa": "s"]))
    }
}
