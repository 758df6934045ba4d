/// Splits an uploaded batch file into its items, whichever of the three accepted shapes it has:
/// a JSON array, JSONL, or CSV with a header row. The shape is told by the first byte that is
/// neither a byte-order mark nor blank: `[` starts an array, `{` a JSONL file, anything else a
/// CSV file (a JSONL item must be an object, so the two cannot be confused).
public struct BatchFileSplitter: Sendable {
    /// The file shapes, as recorded in a batch's resume point.
    public enum Mode: String, Sendable {
        case array, lines, csv
    }

    private enum State: Sendable {
        case undecided([UInt8])
        case json(JSONStreamSplitter)
        case table(CSVRecordSplitter)
    }

    private var state: State

    /// A splitter at the start of a file.
    public init() { state = .undecided([]) }

    /// A splitter continuing a JSON file at a recorded resume point.
    public init(resumeAt offset: Int64, nextIndex: Int, mode: JSONStreamSplitter.Mode) {
        state = .json(JSONStreamSplitter(resumeAt: offset, nextIndex: nextIndex, mode: mode))
    }

    /// A splitter continuing a CSV file at a recorded resume point, with the header read again.
    public init(resumeAt offset: Int64, nextIndex: Int, csvHeader: [String]) {
        state = .table(CSVRecordSplitter(resumeAt: offset, nextIndex: nextIndex, header: csvHeader))
    }

    /// The shape, once known.
    public var mode: Mode? {
        switch state {
        case .undecided: nil
        case .json(let splitter): splitter.mode.map { $0 == .array ? .array : .lines }
        case .table: .csv
        }
    }

    /// The CSV header, once read.
    public var csvHeader: [String]? {
        if case .table(let splitter) = state { return splitter.header }
        return nil
    }

    /// Feeds the next chunk; returns the items completed by it.
    public mutating func feed(_ chunk: UnsafeRawBufferPointer) throws(JSONSyntaxError) -> [JSONStreamElement] {
        switch state {
        case .json(var splitter):
            defer { state = .json(splitter) }
            return try splitter.feed(chunk)
        case .table(var splitter):
            defer { state = .table(splitter) }
            return try splitter.feed(chunk)
        case .undecided(var seen):
            guard let start = chunk.firstIndex(where: { !Self.isLeading($0) }) else {
                seen.append(contentsOf: chunk)
                state = .undecided(seen)
                return []
            }
            let first = chunk[start]
            state =
                first == UInt8(ascii: "[") || first == UInt8(ascii: "{")
                ? .json(JSONStreamSplitter()) : .table(CSVRecordSplitter())
            // The bytes already seen were only a mark and blanks: replay them so offsets stay exact.
            let replayed = try JSONParser.typed { try seen.withUnsafeBytes { try feed($0) } }
            return try replayed + feed(chunk)
        }
    }

    /// Ends the input; returns the last item, or throws if the file is cut short or empty.
    public mutating func finish() throws(JSONSyntaxError) -> [JSONStreamElement] {
        switch state {
        case .json(var splitter):
            defer { state = .json(splitter) }
            return try splitter.finish()
        case .table(var splitter):
            defer { state = .table(splitter) }
            return try splitter.finish()
        case .undecided:
            return []
        }
    }

    private static func isLeading(_ byte: UInt8) -> Bool {
        byte == 0xEF || byte == 0xBB || byte == 0xBF || byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
    }
}
