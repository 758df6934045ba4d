import Testing

@testable import LoupeDomain

@Suite("JSON duplicate keys")
struct JSONDuplicateKeyTests {
    /// The error for `text` parsed with duplicates refused, or nil when it parses.
    private func refusal(_ text: String) -> JSONSyntaxError? {
        do {
            _ = try JSONParser.parse(text, rejectDuplicateKeys: true)
            return nil
        } catch {
            return error
        }
    }

    @Test func refusesATopLevelDuplicate() throws {
        let error = try #require(refusal(#"{"name":"a","other":1,"name":"b"}"#))
        #expect(error.reason == #"duplicate key "name" in the top-level object"#)
        #expect(error.pointer == "/name")
        #expect(error.offset == 22)
        #expect(error.description == #"invalid JSON at byte 22: duplicate key "name" in the top-level object"#)
    }

    @Test func keepsTheLastValueByDefault() throws {
        let value = try JSONParser.parse(#"{"name":"a","other":1,"name":"b"}"#)
        #expect(value.objectValue?.keys == ["name", "other"])
        #expect(value.objectValue?["name"] == "b")
        #expect(try JSONParser.parse(Array(#"{"a":1,"a":2}"#.utf8)) == ["a": 2])
    }

    @Test func namesTheObjectOfANestedDuplicate() {
        let nested = refusal(#"{"x":{"y":{"a":1,"b":2,"a":3}}}"#)
        #expect(nested?.reason == #"duplicate key "a" in an object at /x/y"#)
        #expect(nested?.pointer == "/x/y/a")
        let inArray = refusal(#"{"tasks":[{"n":1},{"n":2},{"n":3},{"name":"a","name":"b"}]}"#)
        #expect(inArray?.reason == #"duplicate key "name" in an object at /tasks/3"#)
        #expect(inArray?.pointer == "/tasks/3/name")
        #expect(refusal(#"[{},{"a":1,"a":1}]"#)?.reason == #"duplicate key "a" in an object at /1"#)
        #expect(refusal(#"[[0,{"a":1,"a":2}]]"#)?.pointer == "/0/1/a")
        let escaped = refusal(#"{"a/b":{"m~n":{"k\"":1,"k\"":2}}}"#)
        #expect(escaped?.reason == #"duplicate key "k\"" in an object at /a~1b/m~0n"#)
        #expect(escaped?.pointer == "/a~1b/m~0n/k\"")
    }

    @Test func comparesKeysAfterEscapeDecoding() {
        #expect(refusal(#"{"a":1,"\u0061":2}"#)?.reason == #"duplicate key "a" in the top-level object"#)
        #expect(refusal(#"{"é":1,"\u00e9":2}"#)?.pointer == "/é")
        #expect(refusal(#"{"\/":1,"/":2}"#)?.pointer == "/~1")
    }

    @Test func findsDuplicatesInLargeObjects() {
        let members = (0..<40).map { #""k\#($0)":\#($0)"# }
        let text = "{" + (members + [#""k3":0"#]).joined(separator: ",") + "}"
        #expect(refusal(text)?.reason == #"duplicate key "k3" in the top-level object"#)
        #expect(refusal("{\"big\":[" + text + "]}")?.pointer == "/big/0/k3")
    }

    @Test func acceptsObjectsWithoutDuplicates() throws {
        #expect(refusal(#"{"a":1,"b":{"a":2},"c":[{"a":3},{"a":4}],"A":5,"a ":6}"#) == nil)
        #expect(refusal("{}") == nil)
        #expect(refusal("[]") == nil)
        let wide = "{" + (0..<1_000).map { #""key\#($0)":[\#($0)]"# }.joined(separator: ",") + "}"
        let value = try JSONParser.parse(wide, rejectDuplicateKeys: true)
        #expect(value.objectValue?.count == 1_000)
        #expect(value.objectValue?["key999"] == [999])
    }

    @Test func leavesOtherErrorsAlone() {
        let error = refusal(#"{"a":1,}"#)
        #expect(error?.offset == 7)
        #expect(error?.pointer == nil)
        #expect(refusal(#"{"a":[1,}"#)?.reason == "unexpected character '}'")
    }
}
