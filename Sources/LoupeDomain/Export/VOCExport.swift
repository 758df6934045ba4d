/// Writes a zip of Pascal VOC annotation files.
///
/// Per task: `Annotations/<task id>.xml` with the image's address as `filename`, its size (0 when
/// unknown, depth 3) and an `object` per box; a polygon is written as its extent in `bndbox` plus a
/// `polygon` element of `x1, y1, x2, y2…`. Coordinates are the answer's pixels, unrounded. At the
/// end, `labels.txt` lists the project's labels, then any other label seen, one per line.
public struct VOCExportWriter: TaskExportWriter {
    private var zip: ZipWriter
    private var labels: LabelIndex

    /// A writer stamping entries with `modificationTime` (seconds since the Unix epoch), listing
    /// `labels` first.
    public init(modificationTime: Int, labels: [String] = []) {
        zip = ZipWriter(modificationTime: modificationTime)
        self.labels = LabelIndex(seed: labels)
    }

    /// One pass.
    public var passes: Int { 1 }

    /// Nothing: a zip starts with its first entry.
    public mutating func begin() -> [UInt8] { [] }

    /// The task's annotation file.
    public mutating func write(_ task: WorkTask, pass: Int) -> [UInt8] {
        let image = ExportImage(data: task.data)
        let size = image.size ?? (0, 0)
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<annotation>\n"
        xml += "\t<folder>loupe</folder>\n"
        xml += "\t<filename>\(Self.escaped(image.location ?? task.id))</filename>\n"
        xml += "\t<size>\n\t\t<width>\(ExportText.number(size.width))</width>\n"
        xml += "\t\t<height>\(ExportText.number(size.height))</height>\n\t\t<depth>3</depth>\n\t</size>\n"
        xml += "\t<segmented>0</segmented>\n"
        for shape in ExportAnswer(response: task.response).shapes {
            _ = labels.number(of: shape.label)
            xml += object(shape)
        }
        xml += "</annotation>\n"
        return zip.entry(name: "Annotations/\(ExportText.fileName(task.id)).xml", text: xml)
    }

    /// `labels.txt` and the end of the archive.
    public mutating func finish() -> [UInt8] {
        let names = labels.labels.map { ExportText.line($0) + "\n" }.joined()
        return zip.entry(name: "labels.txt", text: names) + zip.finish()
    }

    private func object(_ shape: ExportShape) -> String {
        let corners = [
            ("xmin", shape.left), ("ymin", shape.top), ("xmax", shape.left + shape.width),
            ("ymax", shape.top + shape.height),
        ]
        var xml = "\t<object>\n\t\t<name>\(Self.escaped(shape.label))</name>\n\t\t<pose>Unspecified</pose>\n"
        xml += "\t\t<truncated>0</truncated>\n\t\t<difficult>0</difficult>\n\t\t<bndbox>\n"
        for (tag, value) in corners { xml += "\t\t\t<\(tag)>\(ExportText.number(value))</\(tag)>\n" }
        xml += "\t\t</bndbox>\n"
        if shape.isPolygon {
            xml += "\t\t<polygon>\n"
            for (index, point) in shape.vertices.enumerated() {
                xml += "\t\t\t<x\(index + 1)>\(ExportText.number(point.x))</x\(index + 1)>\n"
                xml += "\t\t\t<y\(index + 1)>\(ExportText.number(point.y))</y\(index + 1)>\n"
            }
            xml += "\t\t</polygon>\n"
        }
        return xml + "\t</object>\n"
    }

    /// Text safe inside an XML element: markup characters as entities, characters XML 1.0 forbids dropped.
    static func escaped(_ text: String) -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            case "\u{0}"..."\u{1F}", "\u{FFFE}", "\u{FFFF}": break
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
