/// A URL query string read as HTML forms and clients such as Python's `requests` write it: `+`
/// stands for a space and `%XX` for a byte, so `start_time=2020-01-02+03:04:05` is the time with a
/// space and `%2B` a literal plus. An escape that is not two hex digits is kept as written, and
/// bytes that are not UTF-8 become U+FFFD.
public enum QueryString {
    /// The name/value pairs of `query` (without the `?`), in order, repeats kept.
    public static func pairs(_ query: String) -> [(name: String, value: String)] {
        query.utf8.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true).map { field in
            if let equals = field.firstIndex(of: UInt8(ascii: "=")) {
                return (decode(field[field.startIndex..<equals]), decode(field[field.index(after: equals)...]))
            }
            return (decode(field[...]), "")
        }
    }

    /// One component with `+` as a space and percent escapes decoded.
    static func decode(_ bytes: Substring.UTF8View.SubSequence) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "+") {
                output.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), let high = hex(bytes, bytes.index(after: index)),
                let low = hex(bytes, bytes.index(index, offsetBy: 2, limitedBy: bytes.endIndex) ?? bytes.endIndex)
            {
                output.append(high << 4 | low)
                index = bytes.index(index, offsetBy: 3)
                continue
            } else {
                output.append(byte)
            }
            index = bytes.index(after: index)
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func hex(_ bytes: Substring.UTF8View.SubSequence, _ index: String.Index) -> UInt8? {
        guard index < bytes.endIndex else { return nil }
        switch bytes[index] {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return bytes[index] - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return bytes[index] - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return bytes[index] - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
