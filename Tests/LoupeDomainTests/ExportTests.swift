import Testing

@testable import LoupeDomain

@Suite("Export")
struct ExportTests {
    let fixtures = ExportFixtures.make()

    @Test func fixturesCoverEveryShape() {
        #expect(fixtures.count == 50)
        #expect(fixtures.contains { $0.shapes.contains { !$0.vertices.isEmpty } })
        #expect(fixtures.contains { !$0.shapes.isEmpty && $0.size == nil })
        #expect(fixtures.contains { $0.task.response == nil })
        #expect(fixtures.contains { $0.categories.count == 2 })
    }

    @Test func jsonLinesHoldOneRenderedTaskPerLine() throws {
        let text = String(decoding: ExportFixtures.export(.jsonl, fixtures), as: UTF8.self)
        #expect(text.hasSuffix("}\n"))
        let lines = text.split(separator: "\n")
        #expect(lines.count == fixtures.count)
        for (line, fixture) in zip(lines, fixtures) {
            let object = try #require(try JSONParser.parse(String(line)).objectValue)
            #expect(object.keys == ["id", "status", "response"])
            #expect(object["id"] == .string(fixture.task.id))
            #expect(object["status"] == "completed")
            let response = try fixture.task.response.map { try JSONParser.parse($0.text) } ?? .null
            #expect(object["response"].map { jsonEqual($0, response) } == true)
        }
    }

    @Test func csvRowsRoundTrip() throws {
        let text = String(decoding: ExportFixtures.export(.csv, fixtures), as: UTF8.self)
        let records = try ExportReaders.csv(text)
        #expect(records.first == CSVExportWriter.columns)
        #expect(records.count == fixtures.count + 1)
        for (row, fixture) in zip(records.dropFirst(), fixtures) {
            let task = fixture.task
            try #require(row.count == 10)
            #expect(Array(row[0...4]) == [task.id, "p", task.batchID ?? "", task.uniqueID ?? "", "completed"])
            #expect(row[5] == (task.completedAt?.iso8601 ?? ""))
            #expect(row[6] == fixture.categories.joined(separator: ";"))
            #expect(Double(row[7]) == fixture.confidence)
            #expect(Double(row[8]) == fixture.agreement)
            #expect(row[9] == (task.response?.text ?? ""))
        }
        #expect(records[2][6] == "dog, big;say \"hi\"")
        #expect(text.contains(",\"dog, big;say \"\"hi\"\"\","))
        #expect(records[16][6] == "two\r\nlines;cat")
    }

    @Test func cocoRoundTrip() throws {
        let document = try #require(try JSONParser.parse(ExportFixtures.export(.coco, fixtures)).objectValue)
        #expect(document.keys == ["info", "images", "annotations", "categories"])
        #expect(
            document["info"] == [
                "description": "Loupe export", "date_created": .string(ExportFixtures.exportedAt.iso8601),
            ])
        let images = try #require(document["images"]?.arrayValue)
        #expect(images.count == fixtures.count)
        for (index, (image, fixture)) in zip(images, fixtures).enumerated() {
            let object = try #require(image.objectValue)
            #expect(object["id"] == .int(Int64(index + 1)))
            #expect(object["file_name"]?.stringValue == fixture.image ?? fixture.task.id)
            #expect(object["width"]?.doubleValue == fixture.size?.width)
            #expect(object["height"]?.doubleValue == fixture.size?.height)
            #expect(object["loupe_task_id"]?.stringValue == fixture.task.id)
        }
        let labels = ExportFixtures.labelsInOrder(fixtures)
        let categories = try #require(document["categories"]?.arrayValue)
        #expect(categories.map { $0.objectValue?["name"]?.stringValue } == labels)
        #expect(categories.map { $0.objectValue?["id"]?.intValue } == labels.indices.map { Int64($0 + 1) })
        #expect(categories.allSatisfy { $0.objectValue?["supercategory"] == "" })
        #expect(labels.contains("pedestrian") && !labels.contains("lane") && !labels.contains("bad"))

        let expected = fixtures.enumerated().flatMap { index, fixture in fixture.shapes.map { (index + 1, $0) } }
        let annotations = try #require(document["annotations"]?.arrayValue)
        #expect(annotations.count == expected.count)
        for (index, (annotation, (imageID, shape))) in zip(annotations, expected).enumerated() {
            let object = try #require(annotation.objectValue)
            #expect(object["id"] == .int(Int64(index + 1)))
            #expect(object["image_id"] == .int(Int64(imageID)))
            #expect(object["category_id"]?.intValue == labels.firstIndex(of: shape.label).map { Int64($0 + 1) })
            #expect(
                object["bbox"]?.arrayValue?.map(\.doubleValue) == [shape.left, shape.top, shape.width, shape.height])
            #expect(object["area"]?.doubleValue == shape.area)
            #expect(object["iscrowd"] == 0)
            let segmentation = object["segmentation"]?.arrayValue?.first?.arrayValue?.map(\.doubleValue)
            #expect(segmentation == (shape.vertices.isEmpty ? nil : shape.vertices.flatMap { [$0.x, $0.y] }))
        }
    }

    @Test func cocoAnnotationsReferenceExistingImagesAndCategories() throws {
        let document = try JSONParser.parse(ExportFixtures.export(.coco, fixtures))
        let ids = { (key: String) in
            Set((document.objectValue?[key]?.arrayValue ?? []).compactMap { $0.objectValue?["id"]?.intValue })
        }
        let annotations = document.objectValue?["annotations"]?.arrayValue ?? []
        #expect(ids("images").count == fixtures.count)
        #expect(ids("annotations").count == annotations.count && !annotations.isEmpty)
        for annotation in annotations {
            #expect(annotation.objectValue?["image_id"]?.intValue.map(ids("images").contains) == true)
            #expect(annotation.objectValue?["category_id"]?.intValue.map(ids("categories").contains) == true)
        }
        let empty = try JSONParser.parse(ExportFixtures.export(.coco, []))
        #expect(empty.objectValue?["images"] == [] && empty.objectValue?["annotations"] == [])
        #expect(empty.objectValue?["categories"] == [])
    }

    @Test func yoloRoundTrip() throws {
        let entries = try ExportReaders.zip(ExportFixtures.export(.yolo, fixtures))
        let files = Dictionary(entries.map { ($0.name, $0.text) }, uniquingKeysWith: { first, _ in first })
        #expect(files.count == entries.count)
        #expect(entries.allSatisfy { $0.modificationTime == 1_717_171_716 }, "DOS time keeps even seconds")
        let sized = fixtures.filter { $0.size != nil }
        let classes = ExportFixtures.labelsInOrder(sized)
        #expect(entries.suffix(2).map(\.name) == ["classes.txt", "data.yaml"])
        #expect(files["classes.txt"] == classes.map { $0 + "\n" }.joined())
        let yaml = try #require(files["data.yaml"])
        #expect(yaml.contains("\nnc: \(classes.count)\nnames:\n"))
        for (number, label) in classes.enumerated() {
            // A YAML double-quoted scalar: quotes escaped as in JSON.
            let quoted =
                "\"" + label.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\\\"") + "\""
            #expect(yaml.contains("\n  \(number): \(quoted)\n"), "\(yaml)")
        }
        #expect(!classes.contains("pedestrian"))
        #expect(entries.count == 2 * sized.count + (fixtures.count - sized.count) + 2)
        for fixture in fixtures {
            let id = fixture.task.id
            guard let size = fixture.size else {
                #expect(files["skipped/\(id).txt"]?.contains(id) == true)
                #expect(files["labels/\(id).txt"] == nil && files["images/\(id).txt"] == nil)
                continue
            }
            #expect(files["images/\(id).txt"] == fixture.image.map { $0 + "\n" })
            let lines = try #require(files["labels/\(id).txt"]).split(separator: "\n")
            #expect(lines.count == fixture.shapes.count)
            for (line, shape) in zip(lines, fixture.shapes) {
                let fields = line.split(separator: " ")
                try #require(fields.count == 5)
                #expect(Int(fields[0]) == classes.firstIndex(of: shape.label))
                #expect(fields.dropFirst().allSatisfy { $0.split(separator: ".").last?.count == 6 })
                let values = fields.dropFirst().compactMap { Double($0) }
                try #require(values.count == 4)
                let (centerX, centerY, width, height) = (values[0], values[1], values[2], values[3])
                #expect(abs(centerX - (shape.left + shape.width / 2) / size.width) <= 1e-6)
                #expect(abs(centerY - (shape.top + shape.height / 2) / size.height) <= 1e-6)
                // Six decimals of a fraction are worth 1e-6 of the image side once scaled back to pixels.
                #expect(abs((centerX - width / 2) * size.width - shape.left) <= 1e-6 * size.width)
                #expect(abs((centerY - height / 2) * size.height - shape.top) <= 1e-6 * size.height)
                #expect(abs(width * size.width - shape.width) <= 1e-6 * size.width)
                #expect(abs(height * size.height - shape.height) <= 1e-6 * size.height)
            }
        }
    }

    @Test func vocRoundTrip() throws {
        let entries = try ExportReaders.zip(ExportFixtures.export(.voc, fixtures))
        #expect(entries.map(\.name) == fixtures.map { "Annotations/\($0.task.id).xml" } + ["labels.txt"])
        #expect(entries.last?.text == ExportFixtures.labelsInOrder(fixtures).map { $0 + "\n" }.joined())
        for (entry, fixture) in zip(entries, fixtures) {
            let xml = entry.text
            #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<annotation>"))
            #expect(ExportReaders.xmlText("filename", in: xml) == fixture.image ?? fixture.task.id)
            #expect(ExportReaders.xmlText("width", in: xml).flatMap { Double($0) } == fixture.size?.width ?? 0)
            #expect(ExportReaders.xmlText("height", in: xml).flatMap { Double($0) } == fixture.size?.height ?? 0)
            let objects = ExportReaders.xmlElements("object", in: xml)
            #expect(objects.count == fixture.shapes.count)
            for (object, shape) in zip(objects, fixture.shapes) {
                #expect(ExportReaders.xmlText("name", in: object) == shape.label)
                #expect(!object.contains("<trailer>") && !object.contains("\"bag\""))
                let corners = [
                    ("xmin", shape.left), ("ymin", shape.top), ("xmax", shape.left + shape.width),
                    ("ymax", shape.top + shape.height),
                ]
                for (tag, value) in corners {
                    #expect(ExportReaders.xmlText(tag, in: object).flatMap { Double($0) } == value, "\(tag)")
                }
                let polygon = ExportReaders.xmlElements("polygon", in: String(object)).first
                #expect((polygon == nil) == shape.vertices.isEmpty)
                for (index, point) in shape.vertices.enumerated() {
                    #expect(
                        polygon.flatMap { ExportReaders.xmlText("x\(index + 1)", in: $0) }.flatMap { Double($0) }
                            == point.x)
                    #expect(
                        polygon.flatMap { ExportReaders.xmlText("y\(index + 1)", in: $0) }.flatMap { Double($0) }
                            == point.y)
                }
            }
        }
        #expect(entries[4].text.contains("<filename>s3://bucket/4&amp;x&lt;y&gt;.png</filename>"))
    }

    @Test func zipEntriesReadBackAndPassZIP64() throws {
        var zip = ZipWriter(modificationTime: 1_717_171_717)
        var bytes =
            zip.entry(name: "a.txt", text: "hello")
            + zip.entry(name: "dir/ü.txt", contents: Array(repeating: 7, count: 512))
            + zip.entry(name: "empty", contents: [])
        bytes += zip.finish()
        #expect(PNGWriter.crc32(Array("hello".utf8)) == 0x3610_A686)
        let entries = try ExportReaders.zip(bytes)
        #expect(entries.map(\.name) == ["a.txt", "dir/ü.txt", "empty"])
        #expect(entries.map(\.contents) == [Array("hello".utf8), Array(repeating: 7, count: 512), []])
        #expect(entries.allSatisfy { $0.modificationTime == 1_717_171_716 })
        // Past 65,535 entries the count no longer fits the classic end record: ZIP64 end records.
        var large = ZipWriter(modificationTime: 0)
        var archive: [UInt8] = []
        for index in 0..<70_000 { archive += large.entry(name: "f\(index)", text: "\(index)") }
        archive += large.finish()
        let read = try ExportReaders.zip(archive)
        #expect(read.count == 70_000)
        #expect(read.last?.text == "69999")
    }

    /// Classes follow the project's label list, whatever order answers name them in.
    @Test func labelListNumbersClassesFirst() throws {
        let params: JSONObject = [
            "geometries": [
                "polygon": ["objects_to_annotate": ["tree"]],
                "box": ["objects_to_annotate": [["choice": "car"], "person"]],
            ],
            "labels": ["sign"],
        ]
        #expect(ExportLabels.of(params: params) == ["sign", "car", "person", "tree"])
        var writer = ExportFormat.yolo.makeWriter(
            exportedAt: ExportFixtures.exportedAt, labels: ExportLabels.of(params: params)
        ) { _, _ in }
        var bytes = writer.begin()
        for fixture in fixtures { bytes += writer.write(fixture.task, pass: 0) }
        bytes += writer.finish()
        let classes = try #require(try ExportReaders.zip(bytes).first { $0.name == "classes.txt" }?.text)
        #expect(classes.hasPrefix("sign\ncar\nperson\ntree\n"))
    }

    @Test func formatsDescribeTheirFiles() {
        #expect(ExportFormat.allCases.map(\.fileExtension) == ["jsonl", "csv", "json", "zip", "zip"])
        #expect(ExportFormat.csv.contentType == "text/csv; charset=utf-8")
        #expect(
            ExportFormat.allCases.map { $0.makeWriter(exportedAt: ExportFixtures.exportedAt) { _, _ in }.passes } == [
                1, 1, 2, 1, 1,
            ])
        #expect(ExportText.fixed(0.0625, digits: 6) == "0.062500")
        #expect(ExportText.fixed(1, digits: 6) == "1.000000")
        #expect(ExportText.fixed(-0.25, digits: 2) == "-0.25")
        #expect(ExportText.number(30.5) == "30.5" && ExportText.number(640) == "640")
    }
}
