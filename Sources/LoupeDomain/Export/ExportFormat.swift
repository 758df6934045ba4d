/// The file formats completed tasks can be exported in.
public enum ExportFormat: String, CaseIterable, Sendable {
    /// One JSON task object per line.
    case jsonl
    /// One RFC 4180 row per task.
    case csv
    /// One COCO object-detection JSON document.
    case coco
    /// A tar of YOLO label files.
    case yolo
    /// A tar of Pascal VOC XML files.
    case voc
}

extension ExportFormat {
    /// The HTTP `Content-Type` of the export.
    public var contentType: String {
        switch self {
        case .jsonl: "application/x-ndjson"
        case .csv: "text/csv; charset=utf-8"
        case .coco: "application/json"
        case .yolo, .voc: "application/x-tar"
        }
    }

    /// The file name extension of the export, without the dot.
    public var fileExtension: String {
        switch self {
        case .jsonl: "jsonl"
        case .csv: "csv"
        case .coco: "json"
        case .yolo, .voc: "tar"
        }
    }

    /// A fresh writer. `renderTask` writes a task's full JSON object (the API's task form) — used by jsonl.
    /// `exportedAt` dates the export: COCO's `date_created` and the tar entries' modification time.
    public func makeWriter(
        exportedAt: Timestamp = .now(),
        renderTask: @escaping @Sendable (WorkTask, inout JSONWriter) -> Void
    ) -> any TaskExportWriter {
        switch self {
        case .jsonl: JSONLinesExportWriter(renderTask: renderTask)
        case .csv: CSVExportWriter()
        case .coco: COCOExportWriter(exportedAt: exportedAt)
        case .yolo: YOLOExportWriter(modificationTime: Int(exportedAt.microseconds / 1_000_000))
        case .voc: VOCExportWriter(modificationTime: Int(exportedAt.microseconds / 1_000_000))
        }
    }
}

/// Writes completed tasks in one format, a chunk of bytes at a time, never holding more than one task.
///
/// Call `begin`, then `write` every task once per pass (passes `0 ..< passes`, the same tasks in the
/// same order each time), then `finish`; the concatenated chunks are the file. Writers keep only small
/// state (label numbering, counters), so memory stays bounded however many tasks are exported.
public protocol TaskExportWriter: Sendable {
    /// How many times the caller feeds every task, in the same order each time (COCO: 2 — images, then annotations; others 1).
    var passes: Int { get }
    /// The bytes that open the file.
    mutating func begin() -> [UInt8]
    /// The bytes for one task in pass `pass`.
    mutating func write(_ task: WorkTask, pass: Int) -> [UInt8]
    /// The bytes that close the file.
    mutating func finish() -> [UInt8]
}
