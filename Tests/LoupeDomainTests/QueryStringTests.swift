import LoupeDomain
import Testing

/// Query strings are read as forms and Python's `requests` write them.
@Suite("Query strings")
struct QueryStringTests {
    @Test func plusIsASpaceAndEscapesAreBytes() {
        let pairs = QueryString.pairs("start_time=2020-01-02+03:04:05&zone=%2B02:00&tag=caf%C3%A9&empty=&flag&a=1=2")
        #expect(pairs.map(\.name) == ["start_time", "zone", "tag", "empty", "flag", "a"])
        #expect(pairs.map(\.value) == ["2020-01-02 03:04:05", "+02:00", "café", "", "", "1=2"])
    }

    @Test func brokenEscapesStayAsWritten() {
        #expect(QueryString.pairs("a=%&b=%4&c=%zz&d=100%25").map(\.value) == ["%", "%4", "%zz", "100%"])
        #expect(QueryString.pairs("&&x=1&&").map(\.name) == ["x"])
        #expect(QueryString.pairs("bad=%FF").first?.value == "\u{FFFD}")
    }
}
