@testable import LoupeDomain

/// A file the readers below found malformed.
struct ExportReadError: Error, CustomStringConvertible {
    /// What is wrong.
    var description: String
}

/// One file read back from a zip archive.
struct ExportZipEntry: Equatable {
    /// Its path.
    var name: String
    /// Its bytes.
    var contents: [UInt8]
    /// Its modification time in seconds since the Unix epoch (DOS time: even seconds, UTC).
    var modificationTime: Int

    /// Its bytes as UTF-8 text.
    var text: String { String(decoding: contents, as: UTF8.self) }
}

enum ExportReaders {
    /// The files of a zip archive, in central-directory order. Checks the end record (ZIP64 when
    /// its fields are saturated), that every central record matches its local header (name,
    /// method stored, CRC, sizes, UTF-8 flag), every CRC, and that the entries and the directory
    /// cover the archive with nothing left over.
    static func zip(_ bytes: [UInt8]) throws -> [ExportZipEntry] {
        func le(_ offset: Int, _ width: Int) throws -> Int {
            guard offset >= 0, offset + width <= bytes.count else {
                throw ExportReadError(description: "read past the end")
            }
            return (0..<width).reduce(0) { $0 | Int(bytes[offset + $1]) << (8 * $1) }
        }
        let end = bytes.count - 22
        guard try le(end, 4) == 0x0605_4B50 else { throw ExportReadError(description: "no end record") }
        var count = try le(end + 10, 2)
        var directorySize = try le(end + 12, 4)
        var directoryStart = try le(end + 16, 4)
        var directoryEnd = end
        if count == 0xFFFF || directoryStart == 0xFFFF_FFFF {
            guard try le(end - 20, 4) == 0x0706_4B50 else { throw ExportReadError(description: "no ZIP64 locator") }
            let record = try le(end - 12, 8)
            guard try le(record, 4) == 0x0606_4B50 else { throw ExportReadError(description: "no ZIP64 end record") }
            count = try le(record + 32, 8)
            directorySize = try le(record + 40, 8)
            directoryStart = try le(record + 48, 8)
            directoryEnd = record
        }
        guard directoryStart + directorySize == directoryEnd else {
            throw ExportReadError(description: "the directory does not end where the end records begin")
        }
        var entries: [ExportZipEntry] = []
        var cursor = directoryStart
        var expectedLocal = 0
        for _ in 0..<count {
            guard try le(cursor, 4) == 0x0201_4B50 else { throw ExportReadError(description: "bad central record") }
            let (flags, method) = (try le(cursor + 8, 2), try le(cursor + 10, 2))
            let (time, date, crc) = (try le(cursor + 12, 2), try le(cursor + 14, 2), try le(cursor + 16, 4))
            let size = try le(cursor + 24, 4)
            let (nameLength, extraLength) = (try le(cursor + 28, 2), try le(cursor + 30, 2))
            var local = try le(cursor + 42, 4)
            let name = Array(bytes[(cursor + 46)..<(cursor + 46 + nameLength)])
            if local == 0xFFFF_FFFF { local = try le(cursor + 46 + nameLength + 4, 8) }
            guard flags == 0x0800, method == 0, try le(cursor + 20, 4) == size else {
                throw ExportReadError(description: "unexpected flags, method or sizes")
            }
            guard local == expectedLocal, try le(local, 4) == 0x0403_4B50, try le(local + 14, 4) == crc,
                try le(local + 18, 4) == size, try le(local + 22, 4) == size, try le(local + 26, 2) == nameLength,
                Array(bytes[(local + 30)..<(local + 30 + nameLength)]) == name
            else { throw ExportReadError(description: "local header does not match its central record") }
            let start = local + 30 + nameLength + (try le(local + 28, 2))
            let contents = Array(bytes[start..<(start + size)])
            guard PNGWriter.crc32(contents) == UInt32(crc) else { throw ExportReadError(description: "bad CRC") }
            expectedLocal = start + size
            let days = Int(
                CivilCalendar.days(
                    year: Int64(1_980 + (date >> 9)), month: Int64((date >> 5) & 15), day: Int64(date & 31)))
            let seconds = (time >> 11) * 3_600 + ((time >> 5) & 63) * 60 + (time & 31) * 2
            entries.append(
                ExportZipEntry(
                    name: String(decoding: name, as: UTF8.self), contents: contents,
                    modificationTime: days * 86_400 + seconds))
            cursor += 46 + nameLength + extraLength
        }
        guard expectedLocal == directoryStart, cursor == directoryEnd else {
            throw ExportReadError(description: "bytes between the entries and the directory")
        }
        return entries
    }

    /// The records of RFC 4180 CSV text. Every record must end with CRLF; a bare CR or LF is only
    /// allowed inside a quoted field; a quote inside a quoted field must be doubled.
    static func csv(_ text: String) throws -> [[String]] {
        let bytes = Array(text.utf8)
        var records: [[String]] = []
        var record: [String] = []
        var field: [UInt8] = []
        var index = 0
        var fieldStarted = false
        func endField() {
            record.append(String(decoding: field, as: UTF8.self))
            field = []
            fieldStarted = false
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\""), !fieldStarted, field.isEmpty {
                index += 1
                while true {
                    guard index < bytes.count else { throw ExportReadError(description: "unterminated quoted field") }
                    if bytes[index] == UInt8(ascii: "\"") {
                        if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") {
                            field.append(UInt8(ascii: "\""))
                            index += 2
                            continue
                        }
                        index += 1
                        break
                    }
                    field.append(bytes[index])
                    index += 1
                }
                fieldStarted = true
                guard index == bytes.count || bytes[index] == UInt8(ascii: ",") || bytes[index] == 0x0D else {
                    throw ExportReadError(description: "text after a closing quote at \(index)")
                }
                continue
            }
            switch byte {
            case UInt8(ascii: ","):
                endField()
                index += 1
            case 0x0D:
                guard index + 1 < bytes.count, bytes[index + 1] == 0x0A else {
                    throw ExportReadError(description: "bare CR at \(index)")
                }
                endField()
                records.append(record)
                record = []
                index += 2
            case 0x0A:
                throw ExportReadError(description: "bare LF at \(index)")
            case UInt8(ascii: "\""):
                throw ExportReadError(description: "quote inside an unquoted field at \(index)")
            default:
                guard !fieldStarted else {
                    throw ExportReadError(description: "text after a closing quote at \(index)")
                }
                field.append(byte)
                index += 1
            }
        }
        guard record.isEmpty, field.isEmpty, !fieldStarted else {
            throw ExportReadError(description: "last record lacks CRLF")
        }
        return records
    }

    /// The raw contents of every `<tag>…</tag>` element in `xml`, in order (no attributes, no nesting of the same tag).
    static func xmlElements(_ tag: String, in xml: String) -> [Substring] {
        var found: [Substring] = []
        var rest = xml[...]
        while let open = rest.firstRange(of: "<\(tag)>"),
            let close = rest[open.upperBound...].firstRange(of: "</\(tag)>")
        {
            found.append(rest[open.upperBound..<close.lowerBound])
            rest = rest[close.upperBound...]
        }
        return found
    }

    /// The text of the first `<tag>` element in `xml`, entities decoded.
    static func xmlText(_ tag: String, in xml: some StringProtocol) -> String? {
        xmlElements(tag, in: String(xml)).first.map { xmlUnescaped(String($0)) }
    }

    /// XML text with the five predefined entities decoded.
    static func xmlUnescaped(_ text: String) -> String {
        text.replacing("&lt;", with: "<").replacing("&gt;", with: ">").replacing("&quot;", with: "\"")
            .replacing("&apos;", with: "'").replacing("&amp;", with: "&")
    }
}

/// A box or polygon put into a fixture's answer, as every export should reproduce it.
struct ExpectedShape {
    /// The label given.
    var label: String
    /// The box (for a polygon, its extent): left, top, width, height in pixels.
    var left: Double
    var top: Double
    var width: Double
    var height: Double
    /// The polygon's corners; empty for a box.
    var vertices: [ExportPoint] = []
    /// The area worked out by hand.
    var area: Double
}

/// A task built for the export tests together with what its answer and image hold.
struct ExportFixture {
    /// The task fed to the writers.
    var task: WorkTask
    /// The categories its answer chose.
    var categories: [String] = []
    /// The shapes every export should carry (skippable extras left out).
    var shapes: [ExpectedShape] = []
    /// The image address its data holds.
    var image: String?
    /// The image size its data holds.
    var size: (width: Double, height: Double)?
    /// The outcome's confidence, if it has one.
    var confidence: Double?
    /// The outcome's agreement, if it has one.
    var agreement: Double?
}

/// Fifty varied completed tasks: single and multi-label categories, boxes with and without image
/// sizes, polygons, Scale-style typed annotations with skippable extras, and missing or odd answers.
enum ExportFixtures {
    /// The export time given to every writer.
    static let exportedAt = Timestamp(microseconds: 1_717_171_717_000_000)
    /// Categories with CSV-special characters.
    static let categories = ["cat", "dog, big", "say \"hi\"", "two\r\nlines"]
    /// Box labels with XML-special characters.
    static let labels = ["car", "truck & <trailer>", "person's \"bag\"", "sign"]

    /// A 24-hex task id for fixture `number`.
    static func taskID(_ number: Int) -> String {
        let hex = String(number, radix: 16)
        return "65f0c0de" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// A box annotation and its expectation.
    static func box(
        _ label: String, _ left: Double, _ top: Double, _ width: Double, _ height: Double, typed: Bool = false
    )
        -> (JSONValue, ExpectedShape)
    {
        var json: JSONObject = [
            "left": .double(left), "top": .double(top), "width": .double(width), "height": .double(height),
        ]
        json["label"] = .string(label)
        if typed { json["type"] = "box" }
        return (
            .object(json),
            ExpectedShape(label: label, left: left, top: top, width: width, height: height, area: width * height)
        )
    }

    /// A polygon annotation and its expectation.
    static func polygon(_ label: String, _ points: [(Double, Double)], area: Double, typed: Bool = false) -> (
        JSONValue, ExpectedShape
    ) {
        var json: JSONObject = ["label": .string(label)]
        if typed { json["type"] = "polygon" }
        json["vertices"] = .array(points.map { ["x": .double($0.0), "y": .double($0.1)] })
        let xs = points.map(\.0), ys = points.map(\.1)
        let shape = ExpectedShape(
            label: label, left: xs.min()!, top: ys.min()!, width: xs.max()! - xs.min()!, height: ys.max()! - ys.min()!,
            vertices: points.map { ExportPoint(x: $0.0, y: $0.1) }, area: area)
        return (.object(json), shape)
    }

    /// All fifty fixtures, in feed order.
    static func make() -> [ExportFixture] { (0..<50).map(fixture) }

    /// Fixture `number`; `number % 7` picks its kind.
    static func fixture(_ number: Int) -> ExportFixture {
        let time = Timestamp(microseconds: 1_700_000_000_000_000 + Int64(number) * 1_000_000)
        var data: JSONObject = ["n": .int(Int64(number))]
        var answer: JSONValue?
        var response: RawJSON?
        var expected = ExportFixture(
            task: WorkTask(
                id: taskID(number), organizationID: "o", projectID: "p",
                batchID: number % 2 == 0 ? "b\(number / 10)" : nil,
                type: "annotation", data: .emptyObject, uniqueID: number % 5 == 0 ? "u,\(number)" : nil,
                status: .completed,
                createdAt: time, updatedAt: time, completedAt: number == 49 ? nil : time))
        func annotations(_ parts: [(JSONValue, ExpectedShape)], extra: [JSONValue] = []) {
            answer = ["annotations": .array(parts.map(\.0) + extra)]
            expected.shapes = parts.map(\.1)
        }
        switch number % 7 {
        case 0:
            expected.categories = [categories[number % 4]]
            answer = ["category": .string(categories[number % 4])]
        case 1:
            expected.categories = [categories[number % 4], categories[(number + 1) % 4]]
            answer = ["category": .array(expected.categories.map(JSONValue.string))]
        case 2:
            data["attachment"] = .string("https://img.example/a/\(number).jpg")
            data["url"] = "https://img.example/ignored.jpg"
            data["image_width"] = 1000
            data["image_height"] = 800
            annotations(
                (0...(number % 3)).map { k in
                    box(
                        labels[(number + k) % 4], Double(10 + number + 50 * k), Double(20 + 2 * number + 30 * k), 30.5,
                        40)
                })
        case 3:
            data["url"] = .string("https://img.example/u/\(number).png")
            annotations([box("pedestrian", 5, 6, 7, 8), box(labels[number % 4], 1.25, 2.5, 100, 50)])
        case 4:
            data["image"] = .string("s3://bucket/\(number)&x<y>.png")
            data["width"] = 640
            data["height"] = 480
            let corners = [(Double(number), 5.0), (Double(number + 40), 5), (Double(number), 35)]
            annotations([polygon(labels[number % 4], corners, area: 600), box("sign", 300, 200, 100.5, 50.25)])
        case 5:
            switch number % 3 {
            case 0: response = nil
            case 1: response = RawJSON(unchecked: "null")
            default: response = RawJSON(unchecked: #"{"annotations": "oops", "category": 5}"#)
            }
        default:
            data["image_url"] = .string("https://img.example/s/\(number).jpg")
            data["image_width"] = 320
            data["image_height"] = 240
            let extra: [JSONValue] = [
                [
                    "type": "line", "label": "lane",
                    "vertices": [["x": 0, "y": 0], ["x": 10, "y": 10], ["x": 20, "y": 0]],
                ],
                ["left": 1, "top": 1, "width": 2, "height": 2],
                ["type": "polygon", "label": "bad", "vertices": [["x": 1, "y": 1], ["x": 2, "y": 2]]],
            ]
            let square = [(5.0, 5.0), (45, 5), (45, 25), (5, 25)]
            annotations(
                [
                    box(labels[(number + 1) % 4], 100, 50, 60.25, 30, typed: true),
                    polygon("sign", square, area: 800, typed: true),
                ],
                extra: extra)
        }
        expected.task.data = RawJSON(.object(data))
        expected.task.response = answer.map { RawJSON($0) } ?? response
        expected.image = ["attachment", "image", "url", "image_url"].lazy.compactMap { data[$0]?.stringValue }.first
        if let width = (data["image_width"] ?? data["width"])?.doubleValue,
            let height = (data["image_height"] ?? data["height"])?.doubleValue
        {
            expected.size = (width, height)
        }
        if number % 3 == 0 {
            expected.confidence = Double(number) / 100
            expected.agreement = number % 2 == 0 ? 1 : 0.5
            expected.task.outcome = RawJSON([
                "confidence": .double(Double(number) / 100), "agreement": number % 2 == 0 ? 1 : 0.5,
            ])
        }
        return expected
    }

    /// Everything a writer of `format` produces for the fixtures, fed the way the protocol asks.
    static func export(_ format: ExportFormat, _ fixtures: [ExportFixture]) -> [UInt8] {
        var writer = format.makeWriter(exportedAt: exportedAt) { task, json in
            json.beginObject()
            json.key("id")
            json.string(task.id)
            json.key("status")
            json.string(task.status.rawValue)
            json.key("response")
            if let response = task.response { json.raw(response.text) } else { json.null() }
            json.endObject()
        }
        var bytes = writer.begin()
        for pass in 0..<writer.passes {
            for fixture in fixtures { bytes += writer.write(fixture.task, pass: pass) }
        }
        return bytes + writer.finish()
    }

    /// Labels of the fixtures' shapes in first-seen order.
    static func labelsInOrder(_ fixtures: [ExportFixture]) -> [String] {
        var seen: [String] = []
        for shape in fixtures.flatMap(\.shapes) where !seen.contains(shape.label) { seen.append(shape.label) }
        return seen
    }
}
