import LoupeHTTP
import Testing

@Suite("Absolute links are built only from trusted hosts")
struct LinkBaseTests {
    @Test func aHostHeaderBuildsLinksOnlyWhenItNamesThisServer() {
        let rule = LinkBase(
            publicURL: nil, allowedHosts: ["Loupe.Example.com"], listenHost: "0.0.0.0", listenPort: 8080)
        #expect(rule.base(scheme: nil, authority: "127.0.0.1:8080") == "http://127.0.0.1:8080")
        #expect(rule.base(scheme: nil, authority: "localhost:9000") == "http://localhost:9000")
        #expect(rule.base(scheme: nil, authority: "[::1]:8080") == "http://[::1]:8080")
        #expect(rule.base(scheme: "https", authority: "loupe.example.com") == "https://loupe.example.com")
        for hostile in [
            "evil.example", "evil.example:8080", "127.0.0.1.evil.example", "loupe.example.com@evil.example",
            "loupe.example.com/x", "", "127.0.0.300",
        ] {
            #expect(rule.base(scheme: nil, authority: hostile) == "http://127.0.0.1:8080", "\(hostile)")
        }
        #expect(rule.base(scheme: nil, authority: nil) == "http://127.0.0.1:8080")
    }

    @Test func aPublicURLWinsAndTheFallbackIsTheListenAddress() {
        let configured = LinkBase(publicURL: "https://labels.example.org/", listenHost: "127.0.0.1", listenPort: 1)
        #expect(configured.base(scheme: nil, authority: "localhost:1") == "https://labels.example.org")
        #expect(LinkBase(publicURL: nil, listenHost: "::", listenPort: 80).fallback == "http://[::1]:80")
        #expect(LinkBase(publicURL: nil, listenHost: "fd00::5", listenPort: 80).fallback == "http://[fd00::5]:80")
        #expect(LinkBase(publicURL: nil, listenHost: "10.0.0.2", listenPort: 8080).fallback == "http://10.0.0.2:8080")
    }
}
