import LoupeDomain
import Testing

@Suite("SMTP replies")
struct SMTPReplyParserTests {
    static let transcript = Array(
        ("220 mx.example.com ESMTP ready\r\n250-mx.example.com greets loupe\r\n250-SIZE 10240000\r\n"
            + "250-STARTTLS\r\n250 AUTH PLAIN LOGIN\r\n354\r\n221 2.0.0 bye\n").utf8)
    static let expected = [
        SMTPReply(code: 220, lines: ["mx.example.com ESMTP ready"]),
        SMTPReply(code: 250, lines: ["mx.example.com greets loupe", "SIZE 10240000", "STARTTLS", "AUTH PLAIN LOGIN"]),
        SMTPReply(code: 354, lines: [""]),
        SMTPReply(code: 221, lines: ["2.0.0 bye"]),
    ]

    @Test func readsTheSameRepliesWhereverTheChunksSplit() throws {
        let bytes = SMTPReplyParserTests.transcript
        for split in 0...bytes.count {
            var parser = SMTPReplyParser()
            var replies = try parser.feed(bytes[..<split])
            replies += try parser.feed(bytes[split...])
            #expect(replies == SMTPReplyParserTests.expected, "split at \(split)")
            #expect(!parser.hasBufferedBytes)
        }
        var parser = SMTPReplyParser()
        var replies: [SMTPReply] = []
        for byte in bytes { replies += try parser.feed([byte]) }
        #expect(replies == SMTPReplyParserTests.expected)
    }

    @Test func holdsAnUnfinishedReply() throws {
        var parser = SMTPReplyParser()
        #expect(try parser.feed(Array("250-first\r\n250".utf8)).isEmpty)
        #expect(parser.hasBufferedBytes)
        #expect(try parser.feed(Array(" last\r\n".utf8)) == [SMTPReply(code: 250, lines: ["first", "last"])])
        #expect(!parser.hasBufferedBytes)
    }

    static let malformed: [(String, String)] = [
        ("hello\r\n", "malformed reply line \"hello\""),
        ("25\r\n", "malformed reply line"),
        ("600 too high\r\n", "malformed reply line"),
        ("199 too low\r\n", "malformed reply line"),
        ("270 second digit\r\n", "malformed reply line"),
        ("250x\r\n", "malformed reply line \"250x\""),
        ("\r\n", "malformed reply line \"\""),
        ("250-a\r\n251 b\r\n", "a multi-line reply changed its code from 250 to 251"),
    ]

    @Test(arguments: malformed)
    func refusesMalformedLines(_ text: String, _ reason: String) {
        var parser = SMTPReplyParser()
        let error = #expect(throws: SMTPReplyError.self) { try parser.feed(Array(text.utf8)) }
        #expect(error?.reason.hasPrefix(reason) == true, "\(text.debugDescription): \(String(describing: error))")
        // The parser stays failed: the connection is to be dropped.
        #expect(throws: SMTPReplyError.self) { try parser.feed(Array("250 ok\r\n".utf8)) }
    }

    @Test func boundsLineLengthAndLineCount() throws {
        var parser = SMTPReplyParser()
        #expect(try parser.feed(Array("250 ".utf8) + Array(repeating: UInt8(ascii: "a"), count: 2_044)).isEmpty)
        // The 2,049th byte of a line is refused at once, not after the line ends.
        #expect(throws: SMTPReplyError("a reply line is longer than 2048 bytes")) {
            try parser.feed([UInt8(ascii: "a")])
        }

        var exact = SMTPReplyParser()
        let longest = Array("250 ".utf8) + Array(repeating: UInt8(ascii: "a"), count: 2_043) + [0x0D, 0x0A]
        #expect(try exact.feed(longest).first?.lines.first?.utf8.count == 2_043)

        let hundred = String(repeating: "250-x\r\n", count: 99) + "250 x\r\n"
        var counting = SMTPReplyParser()
        #expect(try counting.feed(Array(hundred.utf8)).first?.lines.count == 100)
        var flooded = SMTPReplyParser()
        #expect(throws: SMTPReplyError("a reply has more than 100 lines")) {
            try flooded.feed(Array(String(repeating: "250-x\r\n", count: 101).utf8))
        }

        var small = SMTPReplyParser(maxLineBytes: 10, maxLinesPerReply: 2)
        #expect(throws: SMTPReplyError.self) { try small.feed(Array("250 0123456789\r\n".utf8)) }
        #expect(small.maxLineBytes == 10 && small.maxLinesPerReply == 2)
    }

    @Test func readsEHLOCapabilities() throws {
        var parser = SMTPReplyParser()
        let text =
            "250-mx.example.com at your service\r\n250-PIPELINING\r\n250-SIZE 35882577\r\n250-8BITMIME\r\n"
            + "250-AUTH=LOGIN\r\n250-auth PLAIN login XOAUTH2\r\n250-ENHANCEDSTATUSCODES\r\n250 STARTTLS\r\n"
        let reply = try #require(try parser.feed(Array(text.utf8)).first)
        let capabilities = SMTPCapabilities(ehloReply: reply)
        #expect(capabilities.startTLS && capabilities.pipelining && capabilities.eightBitMIME)
        #expect(capabilities.authMechanisms == ["PLAIN", "LOGIN", "XOAUTH2"])
        #expect(capabilities.supportsSize && capabilities.maxMessageSize == 35_882_577)

        let bare = SMTPCapabilities(ehloReply: SMTPReply(code: 250, lines: ["mx", "SIZE"]))
        #expect(bare.supportsSize && bare.maxMessageSize == nil && !bare.startTLS && bare.authMechanisms.isEmpty)
        #expect(SMTPCapabilities(ehloReply: SMTPReply(code: 250, lines: ["mx", "SIZE 0"])).maxMessageSize == nil)
        // The first line is the server's greeting, even when it looks like a keyword.
        #expect(!SMTPCapabilities(ehloReply: SMTPReply(code: 250, lines: ["STARTTLS"])).startTLS)
        #expect(SMTPCapabilities() == SMTPCapabilities(ehloReply: SMTPReply(code: 250, lines: ["mx"])))
    }

    @Test func describesAndClassifiesReplies() {
        let reply = SMTPReply(code: 451, lines: ["4.3.0 try", "again later"])
        #expect(reply.description == "451 4.3.0 try again later")
        #expect(reply.isTransientFailure && !reply.isPermanentFailure && !reply.isPositiveCompletion)
        #expect(SMTPReply(code: 354, lines: []).lines == [""])
        #expect(SMTPReply(code: 354, lines: []).isPositiveIntermediate)
        #expect(SMTPReply(code: 221, lines: [""]).description == "221")
    }
}
