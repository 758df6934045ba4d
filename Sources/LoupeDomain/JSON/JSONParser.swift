/// A strict RFC 8259 parser working on raw bytes: validates UTF-8, rejects trailing commas,
/// comments, NaN and leading zeros, and keeps object keys in order.
///
/// A key repeated in one object keeps its first position and its last value, unless
/// `rejectDuplicateKeys` is set (for request bodies): then it is an error naming the key and the
/// JSON Pointer of the object holding it.
public enum JSONParser {
    /// Parses one JSON value (surrounded by optional whitespace).
    public static func parse(
        _ bytes: UnsafeRawBufferPointer, maxDepth: Int = 256, rejectDuplicateKeys: Bool = false
    ) throws(JSONSyntaxError) -> JSONValue {
        var parser = Parser(bytes: bytes, maxDepth: maxDepth, rejectDuplicateKeys: rejectDuplicateKeys)
        do throws(JSONSyntaxError) {
            parser.skipWhitespace()
            let value = try parser.parseValue(depth: 0)
            parser.skipWhitespace()
            if parser.index != bytes.count { throw parser.error("unexpected data after the JSON value") }
            return value
        } catch {
            guard let trail = parser.duplicateTrail else { throw error }
            throw JSONSyntaxError.duplicateKey(trail: trail, offset: error.offset)
        }
    }

    /// Parses bytes.
    public static func parse(
        _ bytes: [UInt8], maxDepth: Int = 256, rejectDuplicateKeys: Bool = false
    ) throws(JSONSyntaxError) -> JSONValue {
        try typed {
            try bytes.withUnsafeBytes { buffer in
                try parse(buffer, maxDepth: maxDepth, rejectDuplicateKeys: rejectDuplicateKeys)
            }
        }
    }

    /// Parses a slice of bytes.
    public static func parse(
        _ bytes: ArraySlice<UInt8>, maxDepth: Int = 256, rejectDuplicateKeys: Bool = false
    ) throws(JSONSyntaxError) -> JSONValue {
        try typed {
            try bytes.withUnsafeBytes { buffer in
                try parse(buffer, maxDepth: maxDepth, rejectDuplicateKeys: rejectDuplicateKeys)
            }
        }
    }

    /// Parses text.
    public static func parse(
        _ text: String, maxDepth: Int = 256, rejectDuplicateKeys: Bool = false
    ) throws(JSONSyntaxError) -> JSONValue {
        var text = text
        return try typed {
            try text.withUTF8 { buffer in
                try parse(UnsafeRawBufferPointer(buffer), maxDepth: maxDepth, rejectDuplicateKeys: rejectDuplicateKeys)
            }
        }
    }

    /// Narrows the untyped error of a rethrowing buffer accessor back to `JSONSyntaxError`.
    public static func typed<T>(_ body: () throws -> T) throws(JSONSyntaxError) -> T {
        do {
            return try body()
        } catch let error as JSONSyntaxError {
            throw error
        } catch {
            throw JSONSyntaxError(offset: 0, reason: "\(error)")
        }
    }
}

private struct Parser {
    let bytes: UnsafeRawBufferPointer
    let maxDepth: Int
    let rejectDuplicateKeys: Bool
    var index = 0
    /// Set when a repeated key was refused: the key, then the member names and array indices
    /// enclosing it, filled in as the error travels up (so the happy path tracks no path).
    var duplicateTrail: [String]?

    init(bytes: UnsafeRawBufferPointer, maxDepth: Int, rejectDuplicateKeys: Bool) {
        self.bytes = bytes
        self.maxDepth = maxDepth
        self.rejectDuplicateKeys = rejectDuplicateKeys
    }

    func error(_ reason: String, at offset: Int? = nil) -> JSONSyntaxError {
        JSONSyntaxError(offset: offset ?? index, reason: reason)
    }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    mutating func parseValue(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        guard index < bytes.count else { throw error("unexpected end of input") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw error("unexpected character '\(Character(Unicode.Scalar(bytes[index])))'")
        }
    }

    mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw error("invalid literal") }
        let pointer = word.utf8Start
        for offset in 0..<count where bytes[index + offset] != pointer[offset] {
            throw error("invalid literal")
        }
        index += count
    }

    mutating func parseObject(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        if depth > maxDepth { throw error("nesting deeper than \(maxDepth) levels") }
        index += 1
        var object = JSONObject()
        skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(object)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw error("expected a string key")
            }
            let keyOffset = index
            let key = try parseString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw error("expected ':' after object key")
            }
            index += 1
            skipWhitespace()
            let value: JSONValue
            do throws(JSONSyntaxError) {
                value = try parseValue(depth: depth)
            } catch {
                duplicateTrail?.append(key)
                throw error
            }
            if !object.appendIfAbsent(key, value) {
                if rejectDuplicateKeys {
                    duplicateTrail = [key]
                    throw self.error("duplicate key", at: keyOffset)
                }
                object[key] = value
            }
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input in object") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object(object)
            }
            throw error("expected ',' or '}' in object")
        }
    }

    mutating func parseArray(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        if depth > maxDepth { throw error("nesting deeper than \(maxDepth) levels") }
        index += 1
        var array: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(array)
        }
        while true {
            skipWhitespace()
            do throws(JSONSyntaxError) {
                array.append(try parseValue(depth: depth))
            } catch {
                duplicateTrail?.append(String(array.count))
                throw error
            }
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input in array") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array(array)
            }
            throw error("expected ',' or ']' in array")
        }
    }

    mutating func parseString() throws(JSONSyntaxError) -> String {
        index += 1
        let start = index
        // Fast path: no escapes.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let slice = UnsafeRawBufferPointer(rebasing: bytes[start..<index])
                index += 1
                guard let string = String(validating: slice, as: UTF8.self) else {
                    throw error("invalid UTF-8 in string", at: start)
                }
                return string
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw error("control character in string") }
            index += 1
        }
        var buffer = [UInt8](UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                guard let string = String(validating: buffer, as: UTF8.self) else {
                    throw error("invalid UTF-8 in string", at: start)
                }
                return string
            case UInt8(ascii: "\\"):
                index += 1
                guard index < bytes.count else { throw error("unterminated escape") }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""): buffer.append(0x22)
                case UInt8(ascii: "\\"): buffer.append(0x5C)
                case UInt8(ascii: "/"): buffer.append(0x2F)
                case UInt8(ascii: "b"): buffer.append(0x08)
                case UInt8(ascii: "f"): buffer.append(0x0C)
                case UInt8(ascii: "n"): buffer.append(0x0A)
                case UInt8(ascii: "r"): buffer.append(0x0D)
                case UInt8(ascii: "t"): buffer.append(0x09)
                case UInt8(ascii: "u"): try appendUnicodeEscape(&buffer)
                default: throw error("invalid escape", at: index - 1)
                }
            default:
                if byte < 0x20 { throw error("control character in string") }
                buffer.append(byte)
                index += 1
            }
        }
        throw error("unterminated string", at: start - 1)
    }

    mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("invalid \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case 48...57: digit = UInt32(byte - 48)
            case 65...70: digit = UInt32(byte - 55)
            case 97...102: digit = UInt32(byte - 87)
            default: throw error("invalid \\u escape")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    mutating func appendUnicodeEscape(_ buffer: inout [UInt8]) throws(JSONSyntaxError) {
        var scalar = try hex4()
        if (0xD800...0xDBFF).contains(scalar) {
            guard index + 2 <= bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
            else { throw error("lone surrogate in \\u escape") }
            index += 2
            let low = try hex4()
            guard (0xDC00...0xDFFF).contains(low) else { throw error("lone surrogate in \\u escape") }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(scalar) {
            throw error("lone surrogate in \\u escape")
        }
        guard let unicode = Unicode.Scalar(scalar) else { throw error("invalid \\u escape") }
        buffer.append(contentsOf: String(Character(unicode)).utf8)
    }

    mutating func parseNumber() throws(JSONSyntaxError) -> JSONValue {
        let start = index
        var isInteger = true
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, (48...57).contains(bytes[index]) else { throw error("invalid number", at: start) }
        if bytes[index] == 48 {
            index += 1
            if index < bytes.count, (48...57).contains(bytes[index]) {
                throw error("leading zero in number", at: start)
            }
        } else {
            while index < bytes.count, (48...57).contains(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            guard index < bytes.count, (48...57).contains(bytes[index]) else {
                throw error("invalid number", at: start)
            }
            while index < bytes.count, (48...57).contains(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            isInteger = false
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard index < bytes.count, (48...57).contains(bytes[index]) else {
                throw error("invalid number", at: start)
            }
            while index < bytes.count, (48...57).contains(bytes[index]) { index += 1 }
        }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        if isInteger, let value = Int64(text) { return .int(value) }
        guard let value = Double(text), value.isFinite else { throw error("number out of range", at: start) }
        return .double(value)
    }
}
