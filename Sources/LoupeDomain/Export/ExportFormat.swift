/// The file formats completed tasks can be exported in.
public enum ExportFormat: String, CaseIterable, Sendable {
    /// One JSON task object per line.
    case jsonl
    /// One RFC 4180 row per task.
    case csv
    /// One COCO object-detection JSON document.
    case coco
    /// A zip of YOLO label files with `data.yaml`.
    case yolo
    /// A zip of Pascal VOC XML files.
    case voc
}

extension ExportFormat {
    /// The HTTP `Content-Type` of the export.
    public var contentType: String {
        switch self {
        case .jsonl: "application/x-ndjson"
        case .csv: "text/csv; charset=utf-8"
        case .coco: "application/json"
        case .yolo, .voc: "application/zip"
        }
    }

    /// The file name extension of the export, without the dot.
    public var fileExtension: String {
        switch self {
        case .jsonl: "jsonl"
        case .csv: "csv"
        case .coco: "json"
        case .yolo, .voc: "zip"
        }
    }

    /// A fresh writer. `renderTask` writes a task's full JSON object (the API's task form) — used by jsonl.
    /// `exportedAt` dates the export: COCO's `date_created` and the zip entries' modification time.
    /// `labels` (the project's label list) are numbered first, in their order, by COCO, YOLO and VOC.
    public func makeWriter(
        exportedAt: Timestamp = .now(), labels: [String] = [],
        renderTask: @escaping @Sendable (WorkTask, inout JSONWriter) -> Void
    ) -> any TaskExportWriter {
        let seconds = Int(exportedAt.microseconds / 1_000_000)
        return switch self {
        case .jsonl: JSONLinesExportWriter(renderTask: renderTask)
        case .csv: CSVExportWriter()
        case .coco: COCOExportWriter(exportedAt: exportedAt, labels: labels)
        case .yolo: YOLOExportWriter(modificationTime: seconds, labels: labels)
        case .voc: VOCExportWriter(modificationTime: seconds, labels: labels)
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

/// A project's label list, in the order its params give it: what exports number classes by.
public enum ExportLabels {
    /// The labels of `params`: `labels`, `objects_to_annotate`, the `objects_to_annotate` of each
    /// geometry (`box`, `polygon`, …, in name order) and `categories`; an entry is a string or an
    /// object's `label` or `choice`. Each label once, at its first place.
    public static func of(params: JSONObject) -> [String] {
        func names(_ value: JSONValue?) -> [String] {
            (value?.arrayValue ?? []).compactMap {
                $0.stringValue ?? $0.objectValue?["label"]?.stringValue ?? $0.objectValue?["choice"]?.stringValue
            }
        }
        var labels = names(params["labels"]) + names(params["objects_to_annotate"])
        if let geometries = params["geometries"]?.objectValue {
            for (_, geometry) in geometries.sorted(by: { $0.key < $1.key }) {
                labels += names(geometry.objectValue?["objects_to_annotate"])
            }
        }
        labels += names(params["categories"])
        var seen: Set<String> = []
        return labels.filter { seen.insert($0).inserted }
    }
}
