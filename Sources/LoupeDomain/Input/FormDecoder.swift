/// Decoding `application/x-www-form-urlencoded` bodies in linear time.
///
/// `pairs` splits and percent-decodes in one pass over the bytes; `object` groups the pairs the
/// way Scale clients expect (repeated keys become lists, `outer[inner]` becomes a nested member).
public enum FormDecoder {
    /// The name-value pairs of a form body, in order.
    ///
    /// Pairs are separated by `&` (empty ones are skipped); the first `=` separates name from value
    /// (a pair without one has the value `""`). `+` becomes a space and `%XX` the byte `XX`; a `%`
    /// not followed by two hex digits is kept literally, as browsers do. Throws when a decoded name
    /// or value is not valid UTF-8 (the path is the name, or `""` when the name itself is invalid).
    public static func pairs(_ bytes: some Collection<UInt8>) throws(DomainError) -> [(key: String, value: String)] {
        // The hot loop runs on a contiguous buffer so that callers in other modules do not pay for
        // unspecialized generic iteration.
        if let result = bytes.withContiguousStorageIfAvailable({ decodePairs($0) }) { return try result.get() }
        return try Array(bytes).withUnsafeBufferPointer { decodePairs($0) }.get()
    }

    /// Groups decoded pairs into an object, keeping the first-seen order of names.
    ///
    /// A trailing `[]` is removed from each name. A name given more than once, or listed in
    /// `listKeys`, becomes an array of all its values; otherwise its one value. A name of the form
    /// `outer[inner]` (split at the first `[`) becomes member `inner` of the object `outer`.
    /// `scalar(value, name)` converts each value (e.g. `"true"` to a boolean).
    public static func object(
        _ pairs: [(key: String, value: String)], listKeys: Set<String>, scalar: (String, String) -> JSONValue
    ) -> JSONObject {
        var groupPosition: [String: Int] = [:]
        var groups: [(key: String, values: [String])] = []
        for pair in pairs {
            let key = withoutListSuffix(pair.key)
            if let position = groupPosition[key] {
                groups[position].values.append(pair.value)
            } else {
                groupPosition[key] = groups.count
                groups.append((key, [pair.value]))
            }
        }
        var members = MemberTable()
        for group in groups {
            let converted = group.values.map { scalar($0, group.key) }
            let value: JSONValue =
                converted.count > 1 || listKeys.contains(group.key) ? .array(converted) : converted[0]
            if let (outer, inner) = nestedName(group.key) {
                members.setNested(outer, inner, value)
            } else {
                members.setPlain(group.key, value)
            }
        }
        return members.object()
    }

    /// `name` without a trailing `[]`.
    static func withoutListSuffix(_ name: String) -> String {
        let utf8 = name.utf8
        guard utf8.count >= 2, utf8.last == UInt8(ascii: "]"), utf8.dropLast().last == UInt8(ascii: "[") else {
            return name
        }
        return String(Substring(utf8.dropLast(2)))
    }

    /// `outer[inner]` as `(outer, inner)`, splitting at the first `[`; nil for other names.
    static func nestedName(_ name: String) -> (outer: String, inner: String)? {
        let utf8 = name.utf8
        guard utf8.last == UInt8(ascii: "]"), let open = utf8.firstIndex(of: UInt8(ascii: "[")) else { return nil }
        let close = utf8.index(before: utf8.endIndex)
        return (String(Substring(utf8[..<open])), String(Substring(utf8[utf8.index(after: open)..<close])))
    }

    private static func decodePairs(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<
        [(key: String, value: String)], DomainError
    > {
        var decoder = PairDecoder()
        for byte in bytes {
            decoder.consume(byte)
            if decoder.failure != nil { break }
        }
        decoder.endPair()
        if let failure = decoder.failure { return .failure(failure) }
        return .success(decoder.pairs)
    }
}

/// The state of the one-pass form decoder.
private struct PairDecoder {
    /// Where the decoder is inside a `%XX` escape.
    enum Escape {
        case none
        case afterPercent
        /// After `%` and one hex digit, kept as written in case the escape turns out malformed.
        case afterFirstDigit(UInt8)
    }

    var pairs: [(key: String, value: String)] = []
    var failure: DomainError?
    var current: [UInt8] = []
    var key: String?
    var escape = Escape.none
    var pairHasBytes = false

    /// Reads one byte of the body.
    mutating func consume(_ byte: UInt8) {
        switch escape {
        case .none:
            consumePlain(byte)
        case .afterPercent:
            if hexValue(byte) != nil {
                escape = .afterFirstDigit(byte)
            } else {
                escape = .none
                current.append(UInt8(ascii: "%"))
                consumePlain(byte)
            }
        case .afterFirstDigit(let first):
            escape = .none
            if let high = hexValue(first), let low = hexValue(byte) {
                current.append(high << 4 | low)
            } else {
                current.append(contentsOf: [UInt8(ascii: "%"), first])
                consumePlain(byte)
            }
        }
    }

    private mutating func consumePlain(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "&"):
            endPair()
            return
        case UInt8(ascii: "=") where key == nil:
            key = decoded(path: "", reason: Self.invalidName)
            current.removeAll(keepingCapacity: true)
        case UInt8(ascii: "+"): current.append(UInt8(ascii: " "))
        case UInt8(ascii: "%"): escape = .afterPercent
        default: current.append(byte)
        }
        pairHasBytes = true
    }

    /// Ends the pair being read (at `&` or the end of input); an empty pair is skipped.
    mutating func endPair() {
        guard failure == nil else { return }
        flushEscape()
        defer {
            key = nil
            pairHasBytes = false
            current.removeAll(keepingCapacity: true)
        }
        guard pairHasBytes else { return }
        if let name = key {
            pairs.append((name, decoded(path: name, reason: Self.invalidValue)))
        } else {
            pairs.append((decoded(path: "", reason: Self.invalidName), ""))
        }
    }

    /// Writes out an unfinished `%` escape literally.
    private mutating func flushEscape() {
        switch escape {
        case .none: return
        case .afterPercent: current.append(UInt8(ascii: "%"))
        case .afterFirstDigit(let first): current.append(contentsOf: [UInt8(ascii: "%"), first])
        }
        escape = .none
    }

    /// The reasons given when a decoded name or value is not UTF-8.
    static let invalidName = "has a field name that is not valid UTF-8 after percent-decoding"
    static let invalidValue = "is not valid UTF-8 after percent-decoding"

    /// The bytes read so far as text; records a failure naming `path` when they are not UTF-8.
    private mutating func decoded(path: String, reason: String) -> String {
        if let text = String(validating: current, as: UTF8.self) { return text }
        if failure == nil { failure = DomainError.invalidField(path, reason) }
        return ""
    }

    private func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// Top-level members being assembled, with the old algorithm's overwrite rules but O(1) updates:
/// nested objects are built in place instead of being copied out and back for every member.
private struct MemberTable {
    /// A top-level member: a finished value, or an index into `nestedObjects`.
    enum Slot {
        case value(JSONValue)
        case nested(Int)
    }

    var names: [String] = []
    var slots: [Slot] = []
    var position: [String: Int] = [:]
    var nestedObjects: [JSONObject] = []

    mutating func setPlain(_ name: String, _ value: JSONValue) {
        if let existing = position[name] {
            slots[existing] = .value(value)
        } else {
            position[name] = names.count
            names.append(name)
            slots.append(.value(value))
        }
    }

    mutating func setNested(_ outer: String, _ inner: String, _ value: JSONValue) {
        guard let existing = position[outer] else {
            position[outer] = names.count
            names.append(outer)
            slots.append(.nested(startNested(JSONObject(), inner, value)))
            return
        }
        switch slots[existing] {
        case .nested(let objectIndex):
            nestedObjects[objectIndex][inner] = value
        case .value(let previous):
            // A plain value is replaced by an object, unless it already was one.
            slots[existing] = .nested(startNested(previous.objectValue ?? JSONObject(), inner, value))
        }
    }

    private mutating func startNested(_ start: JSONObject, _ inner: String, _ value: JSONValue) -> Int {
        var object = start
        object[inner] = value
        nestedObjects.append(object)
        return nestedObjects.count - 1
    }

    func object() -> JSONObject {
        var result = JSONObject()
        for (name, slot) in zip(names, slots) {
            switch slot {
            case .value(let value): result[name] = value
            case .nested(let objectIndex): result[name] = .object(nestedObjects[objectIndex])
            }
        }
        return result
    }
}
