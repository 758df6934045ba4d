/// One complete server reply (RFC 5321 §4.2): a three-digit code and one or more lines of text.
public struct SMTPReply: Sendable, Equatable, CustomStringConvertible {
    /// The reply code, 200...559.
    public let code: Int
    /// The text of each line after the code and its `-` or space; at least one, possibly empty.
    public let lines: [String]

    /// A reply; `lines` empty is taken as one empty line.
    public init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines.isEmpty ? [""] : lines
    }

    /// 2xx: the command succeeded.
    public var isPositiveCompletion: Bool { (200..<300).contains(code) }
    /// 3xx: the server waits for more (after `DATA`, during `AUTH`).
    public var isPositiveIntermediate: Bool { (300..<400).contains(code) }
    /// 4xx: a failure that may not happen on a later try.
    public var isTransientFailure: Bool { (400..<500).contains(code) }
    /// 5xx: a failure that will happen again.
    public var isPermanentFailure: Bool { (500..<600).contains(code) }

    /// The code and the lines joined by spaces, as in `250 mx.example.com Hello SIZE 10240000`.
    public var description: String {
        let text = lines.filter { !$0.isEmpty }.joined(separator: " ")
        return text.isEmpty ? "\(code)" : "\(code) \(text)"
    }
}

/// The extensions a server announced in its reply to `EHLO` (RFC 5321 §4.1.1.1). Only those Loupe uses or
/// reports are kept.
public struct SMTPCapabilities: Sendable, Equatable {
    /// `STARTTLS` (RFC 3207): the connection can be upgraded to TLS.
    public var startTLS = false
    /// The SASL mechanisms of `AUTH` (RFC 4954), upper-cased, such as `PLAIN` and `LOGIN`; empty without `AUTH`.
    public var authMechanisms: Set<String> = []
    /// `SIZE` (RFC 1870): the server accepts `SIZE=` on `MAIL FROM`.
    public var supportsSize = false
    /// The largest message the server accepts, in bytes, when `SIZE` names one (`SIZE 0` means no limit).
    public var maxMessageSize: Int?
    /// `8BITMIME` (RFC 6152). Loupe's messages are 7-bit (base64 bodies), so this is only reported.
    public var eightBitMIME = false
    /// `PIPELINING` (RFC 2920). Loupe sends one command at a time, so this is only reported.
    public var pipelining = false

    /// No extensions: what a server answering `HELO` offers.
    public init() {}

    /// The extensions listed in an `EHLO` reply: every line after the first (the server's greeting) is a
    /// keyword and its parameters. Unknown keywords are ignored; `AUTH=PLAIN LOGIN` (an old form) counts as `AUTH`.
    public init(ehloReply: SMTPReply) {
        for line in ehloReply.lines.dropFirst() {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let keyword = words.first?.uppercased() else { continue }
            let parameters = words.dropFirst().map { $0.uppercased() }
            switch keyword {
            case "STARTTLS":
                startTLS = true
            case "AUTH":
                authMechanisms.formUnion(parameters)
            case _ where keyword.hasPrefix("AUTH="):
                authMechanisms.formUnion([String(keyword.dropFirst(5))] + parameters)
                authMechanisms.remove("")
            case "SIZE":
                supportsSize = true
                if let limit = parameters.first.flatMap({ Int($0) }), limit > 0 { maxMessageSize = limit }
            case "8BITMIME":
                eightBitMIME = true
            case "PIPELINING":
                pipelining = true
            default:
                break
            }
        }
    }
}
