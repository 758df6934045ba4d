/// Splits a CSV file (RFC 4180: `,` between fields, `"` around fields holding `,`, `"` or line
/// breaks, `""` for a quote, CRLF or LF between records), fed in chunks of any size, into its
/// rows. The first record names the columns; every later record becomes one element whose bytes
/// are a flat JSON object of column name → cell text (empty cells left out). Blank lines are
/// skipped. Memory stays bounded by `maxElementBytes`, as in `JSONStreamSplitter`.
public struct CSVRecordSplitter: Sendable {
    /// Rows larger than this are reported as oversized instead of kept.
    public var maxElementBytes = JSONStreamSplitter.defaultMaxElementBytes
    /// The column names, once the header record was read.
    public private(set) var header: [String]?

    private var fields: [[UInt8]] = []
    private var field: [UInt8] = []
    private var recordSize: Int64 = 0
    private var inQuotes = false
    private var quoteJustClosed = false
    private var previousWasCR = false
    private var offset: Int64 = 0
    private var nextIndex = 0
    private var bomChecked = false

    /// A splitter at the start of a file.
    public init() {}

    /// A splitter continuing a file at `offset` (a recorded `endOffset`) with the next row
    /// `nextIndex`, given the header read again from the file's start.
    public init(resumeAt offset: Int64, nextIndex: Int, header: [String]) {
        self.offset = offset
        self.nextIndex = nextIndex
        self.header = header
        self.bomChecked = true
    }

    /// Feeds the next chunk; returns the rows completed by it.
    public mutating func feed(_ chunk: UnsafeRawBufferPointer) throws(JSONSyntaxError) -> [JSONStreamElement] {
        var elements: [JSONStreamElement] = []
        for byte in chunk {
            try consume(byte, into: &elements)
            offset += 1
        }
        return elements
    }

    /// Ends the input; returns the last row, or throws if a quoted field is left open.
    public mutating func finish() throws(JSONSyntaxError) -> [JSONStreamElement] {
        if inQuotes { throw JSONSyntaxError(offset: Int(offset), reason: "a quoted CSV field is not closed") }
        var elements: [JSONStreamElement] = []
        if !fields.isEmpty || !field.isEmpty || quoteJustClosed {
            try endRecord(into: &elements, endOffset: offset)
        }
        if header == nil { throw JSONSyntaxError(offset: Int(offset), reason: "the CSV file has no header row") }
        return elements
    }

    private mutating func consume(_ byte: UInt8, into elements: inout [JSONStreamElement]) throws(JSONSyntaxError) {
        if !bomChecked, byte == 0xEF || byte == 0xBB || byte == 0xBF, offset < 3 { return }
        bomChecked = true
        let afterCR = previousWasCR
        previousWasCR = false
        if inQuotes {
            if byte == UInt8(ascii: "\"") {
                inQuotes = false
                quoteJustClosed = true
            } else {
                keep(byte)
            }
            return
        }
        switch byte {
        case UInt8(ascii: "\""):
            if quoteJustClosed {
                // `""` inside a quoted field is one quote, and the field goes on.
                keep(byte)
                inQuotes = true
                quoteJustClosed = false
            } else if field.isEmpty {
                inQuotes = true
            } else {
                keep(byte)  // a stray quote inside an unquoted field is kept as text
            }
        case UInt8(ascii: ","):
            endField()
        case 0x0D:
            previousWasCR = true
            try endRecord(into: &elements, endOffset: offset + 1)
        case 0x0A:
            // The LF of a CRLF; a splitter resumed just past the CR reads it as a blank line.
            if !afterCR { try endRecord(into: &elements, endOffset: offset + 1) }
        default:
            quoteJustClosed = false
            keep(byte)
        }
    }

    private mutating func keep(_ byte: UInt8) {
        recordSize += 1
        if recordSize <= Int64(maxElementBytes) { field.append(byte) }
    }

    private mutating func endField() {
        fields.append(field)
        field.removeAll(keepingCapacity: true)
        quoteJustClosed = false
        recordSize += 1
    }

    private mutating func endRecord(
        into elements: inout [JSONStreamElement], endOffset: Int64
    ) throws(JSONSyntaxError) {
        let blank = fields.isEmpty && field.isEmpty && !quoteJustClosed
        endField()
        defer {
            fields.removeAll(keepingCapacity: true)
            recordSize = 0
        }
        if blank { return }
        guard let header else {
            header = try Self.columnNames(fields, at: offset)
            return
        }
        defer { nextIndex += 1 }
        if recordSize > Int64(maxElementBytes) {
            elements.append(
                JSONStreamElement(index: nextIndex, bytes: [], endOffset: endOffset, oversizedBytes: recordSize))
            return
        }
        var row = JSONObject()
        for (column, cell) in zip(header, fields) where !cell.isEmpty {
            row[column] = .string(String(decoding: cell, as: UTF8.self))
        }
        var element = JSONStreamElement(
            index: nextIndex, bytes: JSONValue.object(row).serializedBytes(), endOffset: endOffset)
        element.isTableRow = true
        if fields.count > header.count {
            element.problem = "the row has \(fields.count) fields but the header names \(header.count) columns"
        }
        elements.append(element)
    }

    /// The header's column names: trimmed, non-empty and distinct.
    private static func columnNames(_ fields: [[UInt8]], at offset: Int64) throws(JSONSyntaxError) -> [String] {
        var names: [String] = []
        var seen = Set<String>()
        for (position, field) in fields.enumerated() {
            let name = TableCells.trimmed(String(decoding: field, as: UTF8.self))
            if name.isEmpty {
                throw JSONSyntaxError(offset: Int(offset), reason: "CSV header column \(position + 1) has no name")
            }
            if !seen.insert(name).inserted {
                throw JSONSyntaxError(offset: Int(offset), reason: "CSV header names the column '\(name)' twice")
            }
            names.append(name)
        }
        return names
    }
}
