/// Writes JSON Lines: each task as its full API object on one line.
public struct JSONLinesExportWriter: TaskExportWriter {
    private let renderTask: @Sendable (WorkTask, inout JSONWriter) -> Void

    /// A writer rendering each task with `renderTask`, which writes one JSON object.
    public init(renderTask: @escaping @Sendable (WorkTask, inout JSONWriter) -> Void) {
        self.renderTask = renderTask
    }

    /// One pass.
    public var passes: Int { 1 }

    /// Nothing: JSON Lines has no header.
    public mutating func begin() -> [UInt8] { [] }

    /// The task's JSON object and a line feed.
    public mutating func write(_ task: WorkTask, pass: Int) -> [UInt8] {
        var writer = JSONWriter()
        renderTask(task, &writer)
        writer.bytes.append(UInt8(ascii: "\n"))
        return writer.bytes
    }

    /// Nothing: JSON Lines has no trailer.
    public mutating func finish() -> [UInt8] { [] }
}
