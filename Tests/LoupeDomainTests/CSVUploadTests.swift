import LoupeDomain
import Testing

@Suite("CSV uploads")
struct CSVUploadTests {
    private func rows(_ text: String, chunk: Int) throws -> [JSONStreamElement] {
        let (elements, mode) = try UploadSplitting.split(text, chunk: chunk)
        #expect(mode == .csv)
        return elements
    }

    private func objects(_ elements: [JSONStreamElement]) throws -> [JSONValue] {
        try elements.map { try JSONParser.parse($0.bytes) }
    }

    @Test func readsQuotesLineBreaksAndCRLFAcrossAnyChunkSize() throws {
        let text =
            "\u{FEFF}url, label \r\n"
            + "https://a/1.jpg,cat\r\n"
            + "\r\n"
            + "\"https://a/2.jpg\",\"say \"\"hi\"\", then\nleave\"\r\n"
            + "https://a/3.jpg,\n"
            + "https://a/4.jpg,\"\""
        for chunk in [1, 2, 3, 5, 64, 1_000] {
            let elements = try rows(text, chunk: chunk)
            #expect(elements.map(\.index) == [0, 1, 2, 3])
            #expect(elements.allSatisfy { $0.isTableRow })
            #expect(
                try objects(elements) == [
                    ["url": "https://a/1.jpg", "label": "cat"],
                    ["url": "https://a/2.jpg", "label": "say \"hi\", then\nleave"],
                    ["url": "https://a/3.jpg"],
                    ["url": "https://a/4.jpg"],
                ], "chunk \(chunk)")
        }
    }

    @Test func theFirstSignificantByteChoosesTheShape() throws {
        for (text, mode) in [
            ("\n  [{\"a\":1}]", BatchFileSplitter.Mode.array), ("\n{\"a\":1}\n", .lines), ("\n\na\n1\n", .csv),
            ("\"a\"\n1\n", .csv),
        ] {
            var splitter = BatchFileSplitter()
            let elements = try Array(text.utf8).withUnsafeBytes { try splitter.feed($0) } + splitter.finish()
            #expect(splitter.mode == mode, "\(text)")
            #expect(elements.count == 1, "\(text)")
        }
    }

    @Test func everyResumePointGivesTheRestOfTheRows() throws {
        let text = "a,b\r\n1,2\r\n\"x\ny\",3\n\n4,5\r\n6,7"
        let bytes = Array(text.utf8)
        let all = try rows(text, chunk: 1_000)
        #expect(all.count == 4)
        for element in all {
            var resumed = BatchFileSplitter(
                resumeAt: element.endOffset, nextIndex: element.index + 1, csvHeader: ["a", "b"])
            let rest =
                try bytes[Int(element.endOffset)...].withUnsafeBytes { try resumed.feed($0) } + (try resumed.finish())
            #expect(rest.map(\.index) == Array((element.index + 1)..<4), "resumed at \(element.endOffset)")
            #expect(rest.map(\.bytes) == all.dropFirst(element.index + 1).map(\.bytes))
        }
    }

    @Test func aRowWithExtraFieldsIsAProblemAndBadHeadersBreakTheFile() throws {
        let elements = try rows("a,b\n1,2,3\n4,5\n", chunk: 4)
        #expect(elements[0].problem == "the row has 3 fields but the header names 2 columns")
        #expect(elements[1].problem == nil)
        #expect(throws: JSONSyntaxError.self) { try rows("a,a\n1,2\n", chunk: 3) }
        #expect(throws: JSONSyntaxError.self) { try rows("a,,b\n1,2,3\n", chunk: 3) }
        #expect(throws: JSONSyntaxError.self) { try rows("a\n\"open\n", chunk: 3) }
    }

    @Test func aRowOverTheLimitIsMeasuredNotKept() throws {
        var splitter = CSVRecordSplitter()
        splitter.maxElementBytes = 10
        let text = "a\nshort\n" + String(repeating: "x", count: 50) + "\nend\n"
        let elements = try Array(text.utf8).withUnsafeBytes { try splitter.feed($0) } + splitter.finish()
        #expect(elements.map(\.oversizedBytes) == [nil, 51, nil])
        #expect(elements[1].bytes.isEmpty)
    }

    @Test func cellsTakeTheTypesTheSchemaDeclares() throws {
        let schema: JSONValue = [
            "type": "object",
            "properties": [
                "count": ["type": "integer"], "score": ["type": "number"], "ok": ["type": "boolean"],
                "box": ["type": "object"], "zip": ["type": "string"], "either": ["type": ["integer", "string"]],
                "tags": ["type": "array"],
            ],
        ]
        let row: JSONObject = [
            "count": "42", "score": " 0.5", "ok": "Yes", "box": "{\"x\":1}", "zip": "02139", "either": "7",
            "tags": "[\"a\"]", "free": "12",
        ]
        let typed = try TableCells.typed(row, by: schema, path: "/data")
        #expect(
            typed == [
                "count": 42, "score": 0.5, "ok": true, "box": ["x": 1], "zip": "02139", "either": "7",
                "tags": ["a"], "free": "12",
            ])
        #expect(throws: DomainError.self) { try TableCells.typed(["count": "4.5"], by: schema, path: "/data") }
        do {
            _ = try TableCells.typed(["ok": "maybe"], by: schema, path: "/prefill")
            Issue.record("a bad boolean cell was accepted")
        } catch {
            #expect(error.details.first?.path == "/prefill/ok")
            #expect(error.message.contains("'maybe' is not boolean"))
        }
    }

    @Test func nativeRowsFillDataPrefillMetadataAndTaskFields() throws {
        let row: JSONObject = [
            "url": "https://a/1.jpg", "data.note": "n", "prefill.label": "cat", "metadata.source": "s3",
            "unique_id": "u-1", "priority": "5", "urgency": "express", "tags": "a| b|", "staged": "true",
        ]
        let spec = try TaskSpec.parse(tableRow: row)
        #expect(spec.data == ["url": "https://a/1.jpg", "note": "n"])
        #expect(spec.prefill == ["label": "cat"])
        #expect(spec.metadata == ["source": "s3"])
        #expect(spec.uniqueID == "u-1")
        #expect(spec.priority == 5)
        #expect(spec.urgency == .express)
        #expect(spec.tags == ["a", "b"])
        #expect(spec.staged)
        #expect(try TaskSpec.parse(tableRow: ["url": "x", "tags": "[\"p| q\"]"]).tags == ["p| q"])
        #expect(throws: DomainError.self) { try TaskSpec.parse(tableRow: ["url": "x", "priority": "high"]) }
    }
}
