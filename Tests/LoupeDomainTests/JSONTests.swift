import Testing

@testable import LoupeDomain

@Suite("JSON")
struct JSONTests {
    @Test func parsesAndWritesRoundTrip() throws {
        let text = #"{"b":1,"a":[true,false,null,-0.5,1e3,"x\"y\\z\n\u00e9\ud83d\ude00"],"c":{}}"#
        let value = try JSONParser.parse(text)
        #expect(value.objectValue?.keys == ["b", "a", "c"])
        #expect(value.objectValue?["a"]?.arrayValue?[5] == .string("x\"y\\z\né😀"))
        #expect(value.objectValue?["a"]?.arrayValue?[4] == .double(1000))
        #expect(jsonEqual(try JSONParser.parse(value.serialized()), value))
        #expect(JSONValue.string("a/b").serialized() == #""a/b""#)
    }

    @Test func integersStayIntegers() throws {
        #expect(try JSONParser.parse("12") == .int(12))
        #expect(try JSONParser.parse("-9223372036854775808") == .int(.min))
        #expect(try JSONParser.parse("92233720368547758070") == .double(92233720368547758070))
        #expect(JSONValue.int(7).serialized() == "7")
    }

    @Test func rejectsInvalidInputWithOffsets() {
        for (text, offset) in [
            ("{\"a\" 1}", 5), ("[1,]", 3), ("01", 0), ("{\"a\":1} x", 8), ("nul", 0), ("\"\\ud800\"", 7),
        ] {
            do {
                _ = try JSONParser.parse(text)
                Issue.record("accepted \(text)")
            } catch {
                #expect(error.offset == offset, "\(text): \(error)")
            }
        }
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse([0x22, 0xFF, 0x22]) }
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(String(repeating: "[", count: 300)) }
    }

    @Test func writerInsertsCommasAndEscapes() {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("a")
        writer.beginArray()
        writer.int(1)
        writer.string("t\u{1}")
        writer.raw(#"{"x":1}"#)
        writer.endArray()
        writer.key("b")
        writer.null()
        writer.endObject()
        #expect(String(decoding: writer.bytes, as: UTF8.self) == #"{"a":[1,"t\u0001",{"x":1}],"b":null}"#)
    }

    private func split(_ text: String, chunk: Int) throws -> [String] {
        let elements = try UploadSplitting.split(text, chunk: chunk).elements
        #expect(elements.map(\.index) == Array(0..<elements.count))
        return elements.map { String(decoding: $0.bytes, as: UTF8.self) }
    }

    @Test func splitsArraysAndLinesAcrossAnyChunkSize() throws {
        let array = #" [ {"a":"x,]}"} , {"b":[1,2]},{"c":"\"}"} ] "#
        let lines = "{\"a\":1}\r\n\n{\"b\": broken\n{\"c\":3}"
        for chunk in [1, 2, 3, 7, 100] {
            #expect(try split(array, chunk: chunk) == [#"{"a":"x,]}"}"#, #"{"b":[1,2]}"#, #"{"c":"\"}"}"#])
            #expect(try split(lines, chunk: chunk) == ["{\"a\":1}", "{\"b\": broken", "{\"c\":3}"])
        }
        #expect(throws: JSONSyntaxError.self) { try split("[{\"a\":1}", chunk: 4) }
        #expect(throws: JSONSyntaxError.self) { try split("[{\"a\":1},]", chunk: 4) }
        #expect(throws: JSONSyntaxError.self) { try split("[1] x", chunk: 4) }
    }

    @Test func resumesFromARecordedOffset() throws {
        for text in ["[{\"a\":0},{\"a\":1},{\"a\":2}]", "{\"a\":0}\n{\"a\":1}\n{\"a\":2}\n"] {
            let bytes = Array(text.utf8)
            var splitter = JSONStreamSplitter()
            let all = try bytes.withUnsafeBytes { try splitter.feed($0) } + (try splitter.finish())
            #expect(all.count == 3)
            for element in all {
                var resumed = JSONStreamSplitter(
                    resumeAt: element.endOffset, nextIndex: element.index + 1, mode: splitter.mode!)
                let rest =
                    try bytes[Int(element.endOffset)...].withUnsafeBytes { try resumed.feed($0) }
                    + (try resumed.finish())
                #expect(rest.map(\.index) == Array((element.index + 1)..<3))
                #expect(rest.map(\.bytes) == all.dropFirst(element.index + 1).map(\.bytes))
            }
        }
    }

    /// The elements a splitter emits from `bytes` fed one byte at a time, and the error that stopped it.
    private func splitUntilError(
        _ bytes: [UInt8], from start: JSONStreamSplitter
    ) -> (elements: [JSONStreamElement], error: JSONSyntaxError?) {
        var splitter = start
        var elements: [JSONStreamElement] = []
        do {
            for byte in bytes { elements += try [byte].withUnsafeBytes { try splitter.feed($0) } }
            elements += try splitter.finish()
            return (elements, nil)
        } catch let error as JSONSyntaxError {
            return (elements, error)
        } catch {
            Issue.record(error)
            return (elements, nil)
        }
    }

    @Test func aTrailingCommaIsRefusedInOnePassAndAfterEveryResumePoint() throws {
        for text in ["[1,]", #"[{"a":1},]"#, "[1 ,\n ]", #" [ "x" , {"b":[2]} , ] "#] {
            let bytes = Array(text.utf8)
            let closing = try #require(bytes.lastIndex(of: UInt8(ascii: "]")))
            let expected = JSONSyntaxError(offset: closing, reason: "trailing ',' before ']'")
            let whole = splitUntilError(bytes, from: JSONStreamSplitter())
            #expect(whole.error == expected, "\(text)")
            #expect(!whole.elements.isEmpty, "\(text)")
            for element in whole.elements {
                let resumed = JSONStreamSplitter(
                    resumeAt: element.endOffset, nextIndex: element.index + 1, mode: .array)
                let rest = splitUntilError(Array(bytes[Int(element.endOffset)...]), from: resumed)
                #expect(rest.error == expected, "\(text) resumed at \(element.endOffset)")
            }
        }
    }

    @Test func everyResumePointOfAValidFileGivesTheRestOfItsElements() throws {
        let texts = [
            "[]", " [ ] ", "[1]", "[1,2]", "[1 , 2]", " \n[ 1 ,\r\n\t2 ,\n 3 ]\n ", #"[{"a":[1,2]},"b,]",[]]"#,
            "{\"a\":1}\n\n  \n{\"b\":2}\n", "1\n2",
        ]
        for text in texts {
            let bytes = Array(text.utf8)
            var splitter = JSONStreamSplitter()
            let all = try bytes.withUnsafeBytes { try splitter.feed($0) } + (try splitter.finish())
            for element in all {
                let mode = try #require(splitter.mode)
                var resumed = JSONStreamSplitter(resumeAt: element.endOffset, nextIndex: element.index + 1, mode: mode)
                let rest =
                    try bytes[Int(element.endOffset)...].withUnsafeBytes { try resumed.feed($0) }
                    + (try resumed.finish())
                #expect(rest.map(\.index) == all.dropFirst(element.index + 1).map(\.index), "\(text)")
                #expect(rest.map(\.bytes) == all.dropFirst(element.index + 1).map(\.bytes), "\(text)")
            }
        }
    }

    @Test func aResumePointJustPastTheCommaFromEarlierVersionsStillWorks() throws {
        let bytes = Array(#"[{"a":0}, {"a":1} ,{"a":2}]"#.utf8)
        var splitter = JSONStreamSplitter()
        let all = try bytes.withUnsafeBytes { try splitter.feed($0) } + (try splitter.finish())
        for element in all.dropLast() {
            #expect(bytes[Int(element.endOffset)] == UInt8(ascii: ","))
            let legacyOffset = element.endOffset + 1
            var resumed = JSONStreamSplitter(resumeAt: legacyOffset, nextIndex: element.index + 1, mode: .array)
            let rest =
                try bytes[Int(legacyOffset)...].withUnsafeBytes { try resumed.feed($0) } + (try resumed.finish())
            #expect(rest.map(\.bytes) == all.dropFirst(element.index + 1).map(\.bytes))
        }
    }

    @Test func aResumedSplitterStillRefusesAMissingElement() {
        let bytes = Array("[1,,2]".utf8)
        let whole = splitUntilError(bytes, from: JSONStreamSplitter())
        #expect(whole.error?.offset == 3)
        let element = whole.elements[0]
        let resumed = JSONStreamSplitter(resumeAt: element.endOffset, nextIndex: 1, mode: .array)
        #expect(splitUntilError(Array(bytes[Int(element.endOffset)...]), from: resumed).error == whole.error)
    }

    /// Values separated by space only are two values missing a ',', not one (`[1 2]` is not 12).
    @Test func valuesWithoutACommaBetweenThemAreRefused() {
        for text in ["[1 2]", "[true false]", "[{\"a\":1} 2]", "[1\n2]"] {
            #expect(splitUntilError(Array(text.utf8), from: JSONStreamSplitter()).error != nil, "\(text)")
        }
        for text in ["[ 1 , 2 ]", "[\"a b\", {\"c d\": [1, 2]}]", "[1\n,\n2]"] {
            let split = splitUntilError(Array(text.utf8), from: JSONStreamSplitter())
            #expect(split.error == nil && split.elements.count == 2, "\(text)")
        }
    }
}

@Suite("Upload splitting keeps memory bounded")
struct SplitterLimitTests {
    @Test(arguments: ["lines", "array"])
    func anElementOverTheLimitIsReportedNotKept(_ shape: String) throws {
        var splitter = JSONStreamSplitter()
        splitter.maxElementBytes = 64
        let big = #"{"data": {"text": ""# + String(repeating: "x", count: 1_000) + #""}}"#
        let items = [#"{"data": {"n": 1}}"#, big, #"{"data": {"n": 3}}"#]
        let text = shape == "lines" ? items.joined(separator: "\n") : "[" + items.joined(separator: ", ") + "]"
        var elements = try Array(text.utf8).withUnsafeBytes { try splitter.feed($0) }
        elements += try splitter.finish()
        #expect(elements.map(\.index) == [0, 1, 2])
        #expect(elements[0].oversizedBytes == nil && elements[2].oversizedBytes == nil)
        #expect(elements[1].oversizedBytes == Int64(big.utf8.count))
        #expect(elements[1].bytes.isEmpty)
        #expect(String(decoding: elements[2].bytes, as: UTF8.self) == #"{"data": {"n": 3}}"#)
    }
}
