extension Timestamp {
    /// Parses a time given as a query filter, more leniently than `parse`:
    ///
    /// - a bare date `YYYY-MM-DD` (midnight UTC);
    /// - or a date, `T` (or `t`, or one space), then `HH:MM` or `HH:MM:SS`, then optionally `.` and
    ///   1 to 9 fraction digits (after seconds only; digits beyond microseconds are truncated);
    /// - then optionally a zone: `Z`/`z`, `±HH:MM`, `±HHMM` or `±HH`; no zone means UTC.
    ///
    /// Nil for impossible dates and times (February 30, month 13, hour 24), trailing characters
    /// and anything else. One pass over the text, no `DateFormatter`.
    public static func parseFilterTime(_ text: String) -> Timestamp? {
        // The longest accepted form is 35 bytes; refusing long input early bounds the copy.
        guard text.utf8.count <= 40 else { return nil }
        var scanner = TimeScanner(bytes: Array(text.utf8))
        guard let year = scanner.digits(4), scanner.skip("-"), let month = scanner.digits(2), scanner.skip("-"),
            let day = scanner.digits(2), year >= 1, (1...12).contains(month), day >= 1,
            day <= CivilCalendar.daysIn(month: month, year: year)
        else { return nil }
        let days = CivilCalendar.days(year: year, month: month, day: day)
        if scanner.isAtEnd { return Timestamp(microseconds: days * 86_400 * 1_000_000) }
        guard scanner.skip("T") || scanner.skip("t") || scanner.skip(" "), let hour = scanner.digits(2),
            scanner.skip(":"), let minute = scanner.digits(2), hour < 24, minute < 60
        else { return nil }
        var second: Int64 = 0
        var micros: Int64 = 0
        if scanner.skip(":") {
            // 60 is a leap second, accepted and folded into :59 as `parse` does.
            guard let seconds = scanner.digits(2), seconds <= 60 else { return nil }
            second = min(seconds, 59)
            if scanner.skip(".") {
                guard let fraction = scanner.fractionMicroseconds() else { return nil }
                micros = fraction
            }
        }
        guard let offsetSeconds = scanner.zoneOffsetSeconds(), scanner.isAtEnd else { return nil }
        let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - offsetSeconds
        return Timestamp(microseconds: seconds * 1_000_000 + micros)
    }
}

/// A cursor over the bytes of a time string.
private struct TimeScanner {
    let bytes: [UInt8]
    var index = 0

    var isAtEnd: Bool { index == bytes.count }

    /// Exactly `count` decimal digits as a number, or nil (and nothing consumed).
    mutating func digits(_ count: Int) -> Int64? {
        guard index + count <= bytes.count else { return nil }
        var value: Int64 = 0
        for offset in 0..<count {
            let byte = bytes[index + offset]
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int64(byte - UInt8(ascii: "0"))
        }
        index += count
        return value
    }

    /// Consumes `character` if it comes next.
    mutating func skip(_ character: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
        index += 1
        return true
    }

    /// 1 to 9 fraction digits as microseconds (extra digits truncated); nil for 0 or more than 9.
    mutating func fractionMicroseconds() -> Int64? {
        var micros: Int64 = 0
        var digitCount = 0
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
            if digitCount < 6 { micros = micros * 10 + Int64(bytes[index] - UInt8(ascii: "0")) }
            digitCount += 1
            index += 1
        }
        guard (1...9).contains(digitCount) else { return nil }
        for _ in digitCount..<max(digitCount, 6) { micros *= 10 }
        return micros
    }

    /// The zone's offset east of UTC in seconds: 0 for none or `Z`; nil when malformed.
    mutating func zoneOffsetSeconds() -> Int64? {
        if isAtEnd || skip("Z") || skip("z") { return 0 }
        let sign: Int64
        if skip("+") {
            sign = 1
        } else if skip("-") {
            sign = -1
        } else {
            return nil
        }
        guard let hours = digits(2), hours < 24 else { return nil }
        var minutes: Int64 = 0
        if !isAtEnd {
            _ = skip(":")  // `+05:30` and `+0530` are both accepted.
            guard let value = digits(2), value < 60 else { return nil }
            minutes = value
        }
        return sign * (hours * 3_600 + minutes * 60)
    }
}
