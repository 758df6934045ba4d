/// Writes RFC 4180 CSV: a header row, then one row per task, lines ended with CRLF.
///
/// Columns: `task_id, project_id, batch_id, unique_id, status, completed_at, answer, confidence,
/// agreement, response`. `answer` is the chosen category (several joined with `;`), `confidence` and
/// `agreement` come from the task's outcome, and `response` is the answer's compact JSON text.
public struct CSVExportWriter: TaskExportWriter {
    /// The header row's column names.
    public static let columns = [
        "task_id", "project_id", "batch_id", "unique_id", "status", "completed_at", "answer", "confidence",
        "agreement", "response",
    ]

    /// A writer.
    public init() {}

    /// One pass.
    public var passes: Int { 1 }

    /// The header row.
    public mutating func begin() -> [UInt8] { Self.row(Self.columns) }

    /// The task's row.
    public mutating func write(_ task: WorkTask, pass: Int) -> [UInt8] {
        let answer = ExportAnswer(response: task.response)
        let outcome = task.outcome.flatMap { (try? JSONParser.parse($0.text))?.objectValue }
        func number(_ key: String) -> String {
            guard let value = outcome?[key], value.doubleValue != nil else { return "" }
            return value.serialized()
        }
        return Self.row([
            task.id, task.projectID, task.batchID ?? "", task.uniqueID ?? "", task.status.rawValue,
            task.completedAt?.iso8601 ?? "", answer.categories.joined(separator: ";"), number("confidence"),
            number("agreement"), task.response?.text ?? "",
        ])
    }

    /// Nothing: the rows end the file.
    public mutating func finish() -> [UInt8] { [] }

    /// Fields joined by commas, each quoted if needed, ended with CRLF.
    static func row(_ fields: [String]) -> [UInt8] {
        var bytes: [UInt8] = []
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            appendField(field, to: &bytes)
        }
        bytes.append(contentsOf: [0x0D, 0x0A])
        return bytes
    }

    /// A field, in double quotes (with inner quotes doubled) when it holds a comma, quote, CR or LF.
    static func appendField(_ field: String, to bytes: inout [UInt8]) {
        let needsQuotes = field.utf8.contains {
            $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0D || $0 == 0x0A
        }
        guard needsQuotes else {
            bytes.append(contentsOf: field.utf8)
            return
        }
        bytes.append(UInt8(ascii: "\""))
        for byte in field.utf8 {
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
            bytes.append(byte)
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
