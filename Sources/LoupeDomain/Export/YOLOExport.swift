/// Writes a tar of YOLO (darknet / Ultralytics) labels.
///
/// Per task with a known image size: `labels/<task id>.txt`, one line `class cx cy w h` per box
/// (a polygon as its extent), centre and size as fractions of the image with 6 decimals, classes
/// numbered from 0 in first-seen label order; and `images/<task id>.txt` holding the image's address.
/// A task whose image size is unknown cannot be normalized, so it gets `skipped/<task id>.txt` saying
/// why instead. At the end, `classes.txt` lists the labels, one per line, in class order.
public struct YOLOExportWriter: TaskExportWriter {
    private let tar: TarWriter
    private var classes = LabelIndex()

    /// A writer stamping the tar entries with `modificationTime` (seconds since the Unix epoch).
    public init(modificationTime: Int) { self.tar = TarWriter(modificationTime: modificationTime) }

    /// One pass.
    public var passes: Int { 1 }

    /// Nothing: a tar has no header of its own.
    public mutating func begin() -> [UInt8] { [] }

    /// The task's label file and image address, or its skipped note.
    public mutating func write(_ task: WorkTask, pass: Int) -> [UInt8] {
        let name = ExportText.fileName(task.id)
        let image = ExportImage(data: task.data)
        guard let size = image.size else {
            let note = "task \(task.id) skipped: its image size is unknown (image_width and image_height are missing)\n"
            return tar.entry(name: "skipped/\(name).txt", text: note)
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
        var bytes = tar.entry(name: "labels/\(name).txt", text: lines)
        if let location = image.location {
            bytes += tar.entry(name: "images/\(name).txt", text: ExportText.line(location) + "\n")
        }
        return bytes
    }

    /// `classes.txt` and the end of the archive.
    public mutating func finish() -> [UInt8] {
        let names = classes.labels.map { ExportText.line($0) + "\n" }.joined()
        return tar.entry(name: "classes.txt", text: names) + tar.finish()
    }
}
