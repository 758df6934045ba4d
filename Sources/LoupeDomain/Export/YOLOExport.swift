/// Writes a zip of YOLO (darknet / Ultralytics) labels.
///
/// Per task with a known image size: `labels/<task id>.txt`, one line `class cx cy w h` per box
/// (a polygon as its extent), centre and size as fractions of the image with 6 decimals; and
/// `images/<task id>.txt` holding the image's address. Classes are numbered from 0 in the order of
/// the project's label list, then any other label in first-seen order, so two exports of one
/// project agree. A task whose image size is unknown cannot be normalized, so it gets
/// `skipped/<task id>.txt` saying why instead. At the end, `classes.txt` lists the labels one per
/// line in class order, and `data.yaml` names them for Ultralytics (`nc`, `names`).
public struct YOLOExportWriter: TaskExportWriter {
    private var zip: ZipWriter
    private var classes: LabelIndex

    /// A writer stamping entries with `modificationTime` (seconds since the Unix epoch), numbering
    /// `labels` first.
    public init(modificationTime: Int, labels: [String] = []) {
        zip = ZipWriter(modificationTime: modificationTime)
        classes = LabelIndex(seed: labels)
    }

    /// One pass.
    public var passes: Int { 1 }

    /// Nothing: a zip starts with its first entry.
    public mutating func begin() -> [UInt8] { [] }

    /// The task's label file and image address, or its skipped note.
    public mutating func write(_ task: WorkTask, pass: Int) -> [UInt8] {
        let name = ExportText.fileName(task.id)
        let image = ExportImage(data: task.data)
        guard let size = image.size else {
            let note = "task \(task.id) skipped: its image size is unknown (image_width and image_height are missing)\n"
            return zip.entry(name: "skipped/\(name).txt", text: note)
        }
        var lines = ""
        for shape in ExportAnswer(response: task.response).shapes {
            // Clip to the image so every coordinate is a fraction in [0, 1]; a box wholly outside is dropped.
            let left = max(0, shape.left)
            let top = max(0, shape.top)
            let right = min(size.width, shape.left + shape.width)
            let bottom = min(size.height, shape.top + shape.height)
            guard right > left, bottom > top else { continue }
            let values = [
                (left + right) / 2 / size.width, (top + bottom) / 2 / size.height,
                (right - left) / size.width, (bottom - top) / size.height,
            ]
            lines += String(classes.number(of: shape.label))
            for value in values { lines += " " + ExportText.fixed(value, digits: 6) }
            lines += "\n"
        }
        var bytes = zip.entry(name: "labels/\(name).txt", text: lines)
        if let location = image.location {
            bytes += zip.entry(name: "images/\(name).txt", text: ExportText.line(location) + "\n")
        }
        return bytes
    }

    /// `classes.txt`, `data.yaml` and the end of the archive.
    public mutating func finish() -> [UInt8] {
        let names = classes.labels.map { ExportText.line($0) + "\n" }.joined()
        var yaml = "# Written by Loupe. Images are not included: images/<task>.txt holds each image's address.\n"
        yaml += "path: .\ntrain: images\nval: images\nnc: \(classes.labels.count)\nnames:\n"
        for (number, label) in classes.labels.enumerated() {
            // A JSON string is a YAML double-quoted scalar: any label survives, quotes and colons too.
            yaml += "  \(number): \(JSONValue.string(label).serialized())\n"
        }
        return zip.entry(name: "classes.txt", text: names) + zip.entry(name: "data.yaml", text: yaml) + zip.finish()
    }
}
