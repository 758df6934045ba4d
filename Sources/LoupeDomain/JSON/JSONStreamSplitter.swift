/// One element found in an uploaded batch file.
public struct JSONStreamElement: Sendable {
    /// 0-based element number.
    public var index: Int
    /// The element's raw text (not validated in JSONL mode).
    public var bytes: [UInt8]
    /// Absolute file offset to resume from: just after the newline that ends a JSONL line (or the
    /// end of the file); in an array, the ',' or ']' that follows the element, which a resumed
    /// splitter reads again.
    public var endOffset: Int64
    /// The element's size when it was larger than the splitter's limit (its bytes were not
    /// kept); nil for an element within the limit.
    public var oversizedBytes: Int64?
    /// A table row (CSV): `bytes` is a flat object of column name → cell text, to be placed and
    /// typed by the dialect and the project's schemas.
    public var isTableRow = false
    /// Why the element cannot become a task although it was read (e.g. a row with more fields
    /// than the header has columns); nil when it can.
    public var problem: String?
}

/// Splits a batch file, fed in chunks of any size, into its elements: either one JSON array
/// (`[ {...}, {...} ]`) or JSONL (one value per line). Memory stays bounded by `maxElementBytes`:
/// a larger element is measured, not kept, and reported as oversized.
public struct JSONStreamSplitter: Sendable {
    /// The default largest element kept: 4 MiB.
    public static let defaultMaxElementBytes = 4 << 20
    /// Elements larger than this are reported as oversized instead of kept.
    public var maxElementBytes = JSONStreamSplitter.defaultMaxElementBytes
    /// The two file shapes.
    public enum Mode: String, Sendable { case array, lines }

    /// The shape, once the first non-blank byte was seen.
    public private(set) var mode: Mode?
    private var current: [UInt8] = []
    private var currentSize: Int64 = 0
    private var offset: Int64 = 0
    private var nextIndex = 0
    private var depth = 0
    private var inString = false
    private var escaped = false
    private var arrayClosed = false
    private var lastWasComma = false
    // Set by a resume in array mode: an element just ended, so a ',' here is its separator.
    private var resumedAfterElement = false
    /// Whitespace followed the current top-level value, so only `,` or `]` may come next.
    private var spaceAfterValue = false
    private var bomChecked = false

    /// A splitter at the start of a file.
    public init() {}

    /// A splitter continuing a file at `offset` (a recorded `endOffset`) with the next element `nextIndex`.
    ///
    /// In array mode the resume point is the separator after the previous element, so that a ','
    /// followed by ']' is refused after a resume just as in one pass. A resume point recorded by
    /// earlier versions, just after the ',', still works, but cannot catch a ']' right after it.
    public init(resumeAt offset: Int64, nextIndex: Int, mode: Mode) {
        self.offset = offset
        self.nextIndex = nextIndex
        self.mode = mode
        self.bomChecked = true
        self.resumedAfterElement = mode == .array
    }

    /// Feeds the next chunk; returns the elements completed by it.
    public mutating func feed(_ chunk: UnsafeRawBufferPointer) throws(JSONSyntaxError) -> [JSONStreamElement] {
        var elements: [JSONStreamElement] = []
        for byte in chunk {
            try consume(byte, into: &elements)
            offset += 1
        }
        return elements
    }

    /// Ends the input; returns the last element, or throws if the file is cut short.
    public mutating func finish() throws(JSONSyntaxError) -> [JSONStreamElement] {
        var elements: [JSONStreamElement] = []
        switch mode {
        case .lines:
            // A last line with no newline ends at the end of the file, not one byte past it.
            if currentSize > Int64(maxElementBytes) || !isBlank(current) { emit(into: &elements, endOffset: offset) }
        case .array:
            if !arrayClosed {
                throw JSONSyntaxError(offset: Int(offset), reason: "the JSON array is not closed with ']'")
            }
        case nil:
            break
        }
        return elements
    }

    private func isBlank(_ bytes: [UInt8]) -> Bool {
        bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
    }

    private mutating func emit(into elements: inout [JSONStreamElement], endOffset: Int64? = nil) {
        let oversized = currentSize > Int64(maxElementBytes)
        var bytes = oversized ? [] : current
        while let last = bytes.last, last == 0x20 || last == 0x09 || last == 0x0D { bytes.removeLast() }
        elements.append(
            JSONStreamElement(
                index: nextIndex, bytes: bytes, endOffset: endOffset ?? offset + 1,
                oversizedBytes: oversized ? currentSize : nil))
        nextIndex += 1
        clearCurrent()
    }

    /// Adds a byte of the element being read, keeping it only while the element fits the limit.
    private mutating func keep(_ byte: UInt8) {
        currentSize += 1
        if currentSize <= Int64(maxElementBytes) {
            current.append(byte)
        } else if currentSize == Int64(maxElementBytes) + 1 {
            current = [0x78]  // a placeholder: the element is no longer empty, its bytes are gone
            current.reserveCapacity(1)
        }
    }

    private mutating func clearCurrent() {
        current.removeAll(keepingCapacity: current.count <= 1 << 16)
        currentSize = 0
        spaceAfterValue = false
    }

    private mutating func consume(_ byte: UInt8, into elements: inout [JSONStreamElement]) throws(JSONSyntaxError) {
        if mode == nil {
            if !bomChecked, byte == 0xEF || byte == 0xBB || byte == 0xBF, offset < 3 { return }
            bomChecked = true
            switch byte {
            case 0x20, 0x09, 0x0D, 0x0A: return
            case UInt8(ascii: "["):
                mode = .array
                return
            default:
                mode = .lines
            }
        }
        if mode == .lines {
            if byte == 0x0A {
                if currentSize > Int64(maxElementBytes) || !isBlank(current) {
                    emit(into: &elements)
                } else {
                    clearCurrent()
                }
            } else {
                keep(byte)
            }
            return
        }
        try consumeArray(byte, into: &elements)
    }

    private mutating func consumeArray(_ byte: UInt8, into elements: inout [JSONStreamElement]) throws(JSONSyntaxError)
    {
        let isSpace = byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
        if arrayClosed {
            if !isSpace { throw JSONSyntaxError(offset: Int(offset), reason: "unexpected data after the closing ']'") }
            return
        }
        if inString {
            keep(byte)
            if escaped {
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else if byte == UInt8(ascii: "\"") {
                inString = false
            }
            return
        }
        if depth == 0 {
            if isSpace {
                // Space after a top-level value: only ',' or ']' may follow, or `[1 2]` would read as 12.
                if !current.isEmpty { spaceAfterValue = true }
                return
            }
            if byte == UInt8(ascii: ",") {
                if !current.isEmpty {
                    // Resuming here re-reads the ',', so a ']' right after it is still caught.
                    emit(into: &elements, endOffset: offset)
                } else if !resumedAfterElement {
                    throw JSONSyntaxError(offset: Int(offset), reason: "missing array element before ','")
                }
                resumedAfterElement = false
                lastWasComma = true
                return
            }
            if byte == UInt8(ascii: "]") {
                if !current.isEmpty {
                    // Resuming here re-reads the ']' and closes the array.
                    emit(into: &elements, endOffset: offset)
                } else if lastWasComma {
                    throw JSONSyntaxError(offset: Int(offset), reason: "trailing ',' before ']'")
                }
                arrayClosed = true
                return
            }
            if !current.isEmpty
                && (spaceAfterValue || byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[")
                    || byte == UInt8(ascii: "\""))
            {
                throw JSONSyntaxError(offset: Int(offset), reason: "expected ',' between array elements")
            }
            // After a resume point from an earlier version (just past the ',') the element starts here.
            resumedAfterElement = false
            lastWasComma = false
        }
        switch byte {
        case UInt8(ascii: "\""): inString = true
        case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
            depth -= 1
            if depth < 0 {
                throw JSONSyntaxError(offset: Int(offset), reason: "unbalanced '\(Character(Unicode.Scalar(byte)))'")
            }
        default: break
        }
        keep(byte)
    }
}
