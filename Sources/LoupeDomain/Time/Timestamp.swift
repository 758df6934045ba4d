public import Foundation

/// A point in time as microseconds since the Unix epoch (UTC): the precision Loupe stores.
public struct Timestamp: Sendable, Hashable, Comparable, Codable {
    /// Microseconds since 1970-01-01T00:00:00Z.
    public var microseconds: Int64

    /// A timestamp from microseconds.
    public init(microseconds: Int64) { self.microseconds = microseconds }

    /// A timestamp from a `Date`.
    public init(date: Date) { microseconds = Int64((date.timeIntervalSince1970 * 1_000_000).rounded()) }

    /// This time as a `Date`.
    public var date: Date { Date(timeIntervalSince1970: Double(microseconds) / 1_000_000) }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.microseconds < rhs.microseconds }

    /// The times `iso8601` and `iso8601Micros` can show: 0001-01-01T00:00:00Z through
    /// 9999-12-31T23:59:59.999999Z, the 4-digit years that RFC 3339 and `parse` accept.
    public static let iso8601Range =
        Timestamp(microseconds: -62_135_596_800_000_000)...Timestamp(microseconds: 253_402_300_799_999_999)

    /// ISO-8601 UTC with milliseconds: `2026-11-22T13:50:00.123Z`.
    ///
    /// The fraction is truncated, not rounded. A time outside `iso8601Range` is clamped to it, so the
    /// output is always RFC 3339 and `parse` reads it back: anything before year 1 shows as
    /// `0001-01-01T00:00:00.000Z`, anything after year 9999 as `9999-12-31T23:59:59.999Z`.
    public var iso8601: String { format(fractionDigits: 3) }

    /// ISO-8601 UTC with microseconds: `2026-11-22T13:50:00.123456Z`; clamped like `iso8601`, so a time
    /// within `iso8601Range` round-trips exactly through `parse`.
    public var iso8601Micros: String { format(fractionDigits: 6) }

    private func format(fractionDigits: Int) -> String {
        // Clamping also keeps the arithmetic below far from Int64 overflow.
        let range = Timestamp.iso8601Range
        let microseconds = min(max(self.microseconds, range.lowerBound.microseconds), range.upperBound.microseconds)
        let seconds = microseconds >= 0 ? microseconds / 1_000_000 : (microseconds - 999_999) / 1_000_000
        let fraction = microseconds - seconds * 1_000_000
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = CivilCalendar.civil(fromDays: days)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(27)
        func digits(_ value: Int64, _ count: Int) {
            var divisor: Int64 = 1
            for _ in 1..<count { divisor *= 10 }
            var rest = value
            while divisor > 0 {
                bytes.append(UInt8(48 + (rest / divisor) % 10))
                rest %= divisor
                divisor /= 10
            }
        }
        digits(year, 4)
        bytes.append(45)
        digits(month, 2)
        bytes.append(45)
        digits(day, 2)
        bytes.append(84)
        digits(secondOfDay / 3_600, 2)
        bytes.append(58)
        digits(secondOfDay % 3_600 / 60, 2)
        bytes.append(58)
        digits(secondOfDay % 60, 2)
        bytes.append(46)
        if fractionDigits == 3 { digits(fraction / 1_000, 3) } else { digits(fraction, 6) }
        bytes.append(90)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Parses RFC 3339 (`2026-11-22T13:50:00Z`, up to 9 fraction digits, `Z` or `±hh:mm`);
    /// digits beyond microseconds are truncated. Nil for anything else, including impossible dates.
    /// Only years 0001–9999 are read; with an offset the result can fall up to a day outside
    /// `iso8601Range`, which formatting then clamps.
    public static func parse(_ text: String) -> Timestamp? {
        let bytes = Array(text.utf8)
        var index = 0
        func number(_ count: Int) -> Int64? {
            guard index + count <= bytes.count else { return nil }
            var value: Int64 = 0
            for offset in 0..<count {
                let byte = bytes[index + offset]
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int64(byte - 48)
            }
            index += count
            return value
        }
        func expect(_ allowed: Set<UInt8>) -> Bool {
            guard index < bytes.count, allowed.contains(bytes[index]) else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect([45]), let month = number(2), expect([45]), let day = number(2),
            expect([84, 116, 32]), let hour = number(2), expect([58]), let minute = number(2), expect([58]),
            let second = number(2)
        else { return nil }
        guard year >= 1, (1...12).contains(month), day >= 1, day <= CivilCalendar.daysIn(month: month, year: year),
            hour < 24, minute < 60, second < 61
        else { return nil }
        var micros: Int64 = 0
        if index < bytes.count && bytes[index] == 46 {
            index += 1
            var digitCount = 0
            while index < bytes.count, (48...57).contains(bytes[index]) {
                if digitCount < 6 { micros = micros * 10 + Int64(bytes[index] - 48) }
                digitCount += 1
                index += 1
            }
            guard (1...9).contains(digitCount) else { return nil }
            for _ in min(digitCount, 6)..<6 { micros *= 10 }
        }
        var offsetSeconds: Int64 = 0
        if expect([90, 122]) {
            offsetSeconds = 0
        } else if index < bytes.count, bytes[index] == 43 || bytes[index] == 45 {
            let sign: Int64 = bytes[index] == 45 ? -1 : 1
            index += 1
            guard let offsetHours = number(2), expect([58]), let offsetMinutes = number(2), offsetHours < 24,
                offsetMinutes < 60
            else { return nil }
            offsetSeconds = sign * (offsetHours * 3_600 + offsetMinutes * 60)
        } else {
            return nil
        }
        guard index == bytes.count else { return nil }
        let days = CivilCalendar.days(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3_600 + minute * 60 + min(second, 59) - offsetSeconds
        return Timestamp(microseconds: seconds * 1_000_000 + micros)
    }
}

/// Proleptic Gregorian calendar arithmetic (Howard Hinnant's days-from-civil algorithms).
enum CivilCalendar {
    static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
