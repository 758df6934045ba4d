import Testing

@testable import LoupeDomain

@Suite("Filter times")
struct FilterTimeTests {
    /// A strict RFC 3339 time, for comparison.
    private func utc(_ text: String) throws -> Timestamp { try #require(Timestamp.parse(text)) }

    @Test func acceptsEveryStrictForm() throws {
        for text in [
            "2026-11-22T13:50:00Z", "2026-11-22t13:50:00z", "2026-11-22 13:50:00Z", "2026-11-22T13:50:00.123456789Z",
            "2026-11-22T15:50:00+02:00", "1969-12-31T23:59:59.5Z", "2026-11-22T13:50:00-00:00",
        ] {
            #expect(Timestamp.parseFilterTime(text) == Timestamp.parse(text), "\(text)")
        }
    }

    @Test func acceptsBareDatesAsMidnightUTC() throws {
        #expect(Timestamp.parseFilterTime("2026-12-01") == (try utc("2026-12-01T00:00:00Z")))
        #expect(Timestamp.parseFilterTime("1970-01-01")?.microseconds == 0)
        #expect(Timestamp.parseFilterTime("1969-12-31")?.microseconds == -86_400_000_000)
        #expect(Timestamp.parse("2026-12-01") == nil, "parse stays strict")
    }

    @Test func acceptsScaleStyleTimesWithoutZone() throws {
        let expected = try utc("2026-12-01T10:00:00Z")
        for text in [
            "2026-12-01 10:00:00.000000", "2026-12-01 10:00:00", "2026-12-01T10:00:00", "2026-12-01 10:00",
            "2026-12-01T10:00", "2026-12-01T10:00Z", "2026-12-01 10:00+00",
        ] {
            #expect(Timestamp.parseFilterTime(text) == expected, "\(text)")
        }
        #expect(Timestamp.parseFilterTime("2026-12-01 10:00:00.25")?.microseconds == expected.microseconds + 250_000)
        #expect(Timestamp.parseFilterTime("2026-12-01 10:00:00.123456789") == (try utc("2026-12-01T10:00:00.123456Z")))
    }

    @Test func acceptsEveryOffsetForm() throws {
        let expected = try utc("2026-12-01T04:30:00Z")
        for text in [
            "2026-12-01T10:00:00+05:30", "2026-12-01T10:00:00+0530", "2026-12-01 10:00+05:30",
            "2026-12-01T09:30:00+05", "2026-12-01T09:30+05",
        ] {
            #expect(Timestamp.parseFilterTime(text) == expected, "\(text)")
        }
    }

    @Test func negativeOffsetsCrossMidnightAndYears() throws {
        #expect(Timestamp.parseFilterTime("2026-12-31T22:30:00-05:00") == (try utc("2027-01-01T03:30:00Z")))
        #expect(Timestamp.parseFilterTime("2026-12-31 22:30-0500") == (try utc("2027-01-01T03:30:00Z")))
        #expect(Timestamp.parseFilterTime("2024-02-28T23:00:00-02") == (try utc("2024-02-29T01:00:00Z")))
        #expect(Timestamp.parseFilterTime("2027-01-01T01:00:00+03:00") == (try utc("2026-12-31T22:00:00Z")))
    }

    @Test func followsLeapYears() throws {
        #expect(Timestamp.parseFilterTime("2024-02-29") == (try utc("2024-02-29T00:00:00Z")))
        #expect(Timestamp.parseFilterTime("2000-02-29 12:00") == (try utc("2000-02-29T12:00:00Z")))
        for text in ["2023-02-29", "1900-02-29", "2100-02-29 00:00", "2026-02-30"] {
            #expect(Timestamp.parseFilterTime(text) == nil, "\(text)")
        }
        #expect(Timestamp.parseFilterTime("2026-12-31T23:59:60Z") == (try utc("2026-12-31T23:59:59Z")))
    }

    @Test func refusesEverythingElse() {
        for text in [
            "", "now", "2026", "2026-12", "26-12-01", "2026-1-01", "2026-12-1", "0000-01-01", "2026-13-01",
            "2026-00-10", "2026-01-00", "2026-01-32", "2026-04-31", "2026-12-01T24:00:00", "2026-12-01T24:00",
            "2026-12-01T23:60", "2026-12-01T10:00:61", "2026-12-01T10", "2026-12-01T1:00", "2026-12-01T10:0",
            "2026-12-01 ", "2026-12-01  10:00", "2026-12-01X10:00", "2026-12-01T10:00:00Zjunk",
            "2026-12-01T10:00:00 Z", "2026-12-01T10:00:00.", "2026-12-01T10:00:00.1234567890",
            "2026-12-01T10:00.5", "2026-12-01T10:00:00+24:00", "2026-12-01T10:00:00+05:60", "2026-12-01T10:00:00+5",
            "2026-12-01T10:00:00+05:", "2026-12-01T10:00:00+05:3", "2026-12-01T10:00:00+053",
            "2026-12-01T10:00:00+05:300", "2026-12-01T10:00:00UTC", "２０２６-12-01", " 2026-12-01", "2026-12-01\n",
            "2026-12-01T10:00:00" + String(repeating: "0", count: 100),
        ] {
            #expect(Timestamp.parseFilterTime(text) == nil, "\(text)")
        }
    }
}
