/// The `format` values Loupe asserts.
enum SchemaFormat: String, CaseIterable, Sendable {
    /// RFC 3339 date-time, checked by `Timestamp.parse`.
    case dateTime = "date-time"
    /// The formats named exactly as their case.
    case date, time, duration, email, hostname, ipv4, ipv6, uri
    /// A URI or a relative reference.
    case uriReference = "uri-reference"
    /// RFC 4122 textual form.
    case uuid
    /// RFC 6901.
    case jsonPointer = "json-pointer"
    /// A pattern ``LinearRegex`` accepts.
    case regex

    /// What a matching string is, for messages ("must be …").
    var expectation: String {
        switch self {
        case .dateTime: "an RFC 3339 date-time"
        case .date: "an RFC 3339 date (YYYY-MM-DD)"
        case .time: "an RFC 3339 time with an offset (hh:mm:ssZ)"
        case .duration: "an ISO 8601 duration (like P3DT4H)"
        case .email: "an email address"
        case .hostname: "a hostname"
        case .ipv4: "an IPv4 address"
        case .ipv6: "an IPv6 address"
        case .uri: "a valid URI"
        case .uriReference: "a valid URI reference"
        case .uuid: "a UUID"
        case .jsonPointer: "a JSON Pointer"
        case .regex: "a regular expression Loupe supports"
        }
    }

    /// Whether `string` has this format.
    func accepts(_ string: String) -> Bool {
        switch self {
        case .dateTime: Timestamp.parse(string) != nil
        case .date: Self.isDate(Substring(string))
        case .time: Self.isTime(Substring(string))
        case .duration: Self.isDuration(string)
        case .email: Self.isEmail(string)
        case .hostname: Self.isHostname(Substring(string))
        case .ipv4: Self.isIPv4(Substring(string))
        case .ipv6: Self.isIPv6(string)
        case .uri: Self.isURI(string)
        case .uriReference: Self.isURIReference(string)
        case .uuid: Self.isUUID(string)
        case .jsonPointer: Self.isJSONPointer(string)
        case .regex: (try? LinearRegex(string)) != nil
        }
    }

    /// `count` ASCII digits as a number, or nil.
    static func digits(_ text: Substring, count: Int) -> Int? {
        guard text.utf8.count == count, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        return Int(text)
    }

    /// YYYY-MM-DD with a day that exists in that month.
    static func isDate(_ text: Substring) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, let year = digits(parts[0], count: 4), let month = digits(parts[1], count: 2),
            let day = digits(parts[2], count: 2), (1...12).contains(month), day >= 1
        else { return false }
        let isLeap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }

    /// hh:mm:ss with optional fraction and a required offset (Z or ±hh:mm); second 60 only at 23:59 UTC.
    static func isTime(_ text: Substring) -> Bool {
        let utf8 = Array(text.utf8)
        guard utf8.count >= 9 else { return false }
        let offsetStart: Int
        var offsetMinutes = 0
        if utf8.last == UInt8(ascii: "Z") || utf8.last == UInt8(ascii: "z") {
            offsetStart = utf8.count - 1
        } else {
            offsetStart = utf8.count - 6
            guard offsetStart >= 8, utf8[offsetStart] == UInt8(ascii: "+") || utf8[offsetStart] == UInt8(ascii: "-"),
                utf8[offsetStart + 3] == UInt8(ascii: ":"),
                let hours = digits(
                    Substring(decoding: utf8[(offsetStart + 1)..<(offsetStart + 3)], as: UTF8.self), count: 2),
                let minutes = digits(Substring(decoding: utf8[(offsetStart + 4)...], as: UTF8.self), count: 2),
                hours < 24, minutes < 60
            else { return false }
            offsetMinutes = (hours * 60 + minutes) * (utf8[offsetStart] == UInt8(ascii: "-") ? -1 : 1)
        }
        let clock = Substring(decoding: utf8[..<offsetStart], as: UTF8.self)
        var fields = clock.split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count == 3 else { return false }
        if let dot = fields[2].firstIndex(of: ".") {
            let fraction = fields[2][fields[2].index(after: dot)...]
            guard !fraction.isEmpty, fraction.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return false }
            fields[2] = fields[2][..<dot]
        }
        guard let hour = digits(fields[0], count: 2), let minute = digits(fields[1], count: 2),
            let second = digits(fields[2], count: 2),
            hour < 24, minute < 60, second <= 60
        else { return false }
        guard second == 60 else { return true }
        let utcMinutes = ((hour * 60 + minute - offsetMinutes) % 1440 + 1440) % 1440
        return utcMinutes == 23 * 60 + 59
    }

    /// P[nY][nM][nD][T[nH][nM][nS]] with at least one part (and one after T), or PnW.
    static func isDuration(_ text: String) -> Bool {
        var rest = Substring(text)
        guard rest.first == "P" else { return false }
        rest = rest.dropFirst()
        if rest.hasSuffix("W") {
            let weeks = rest.dropLast()
            return !weeks.isEmpty && weeks.utf8.allSatisfy { (0x30...0x39).contains($0) }
        }
        let parts = rest.split(separator: "T", maxSplits: 1, omittingEmptySubsequences: false)
        func units(_ part: Substring, _ order: [Character]) -> Int? {
            var remaining = order[...]
            var number = ""
            var count = 0
            for character in part {
                if character.isASCII && character.isNumber {
                    number.append(character)
                } else {
                    guard !number.isEmpty, let position = remaining.firstIndex(of: character) else { return nil }
                    remaining = remaining[(position + 1)...]
                    number = ""
                    count += 1
                }
            }
            return number.isEmpty ? count : nil
        }
        guard let dateUnits = units(parts[0], ["Y", "M", "D"]) else { return false }
        if parts.count == 2 {
            guard let timeUnits = units(parts[1], ["H", "M", "S"]), timeUnits > 0 else { return false }
            return true
        }
        return dateUnits > 0
    }
}
