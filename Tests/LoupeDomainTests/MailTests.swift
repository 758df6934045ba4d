import Foundation
import LoupeDomain
import Testing

@Suite("Mail addresses and messages")
struct MailTests {
    static let goodAddresses = [
        "ops@example.com", "first.last+tag@sub.example.co.uk", "\"night shift\"@example.org",
        #""a\"b"@example.org"#, "user@[192.0.2.1]", "user@[IPv6:2001:db8::1]", "user@[IPv6:::ffff:192.0.2.1]",
        "user@localhost", "!#$%&'*+-/=?^_`{|}~@example.com", String(repeating: "l", count: 64) + "@example.com",
        "x@" + String(repeating: "d", count: 63) + ".com", "x@xn--bcher-kva.example",
    ]

    @Test(arguments: goodAddresses)
    func acceptsGoodAddresses(_ text: String) throws {
        let address = try MailAddress(text)
        #expect(address.description == text)
        #expect(address.domain == String(text[text.index(after: try #require(text.lastIndex(of: "@")))...]))
    }

    static let label = String(repeating: "d", count: 63)
    static let badAddresses: [(String, String)] = [
        ("", "is empty"),
        ("ops.example.com", "must contain '@'"),
        ("@example.com", "has an empty local part"),
        ("ops@", "has an empty domain"),
        ("ops@exa mple.com", "contains a space outside a quoted local part"),
        ("ops\r\n@example.com", "contains a line break or NUL character"),
        ("ops@exa\u{0}mple.com", "contains a line break or NUL character"),
        ("ops\t@example.com", "contains a control character"),
        ("<ops@example.com>", "contains '<' or '>'"),
        ("\"a<b\"@example.com", "contains '<' or '>'"),
        ("opé@example.com", "contains a non-ASCII character"),
        (".ops@example.com", "has a local part that starts or ends with '.'"),
        ("o..ps@example.com", "has a local part that starts or ends with '.'"),
        ("o,ps@example.com", "has the character ',' in its local part"),
        ("a\"b\"@example.com", "has the character '\"' in its local part"),
        ("\"open@example.com", "has a quoted local part without its closing quote"),
        ("\"a\"b@example.com", "has characters after the closing quote"),
        ("ops@-example.com", "has a domain label that starts or ends with '-'"),
        ("ops@example..com", "has a domain with an empty label"),
        ("ops@example.com.", "has a domain with an empty label"),
        ("ops@exa_mple.com", "has the character '_' in its domain"),
        ("ops@192.0.2.1", "has a numeric domain"),
        ("ops@[300.0.0.1]", "has an address literal that is not [IPv4] or [IPv6:address]"),
        ("ops@[IPv6:1:::2]", "has an address literal"),
        ("ops@[192.0.2.01]", "has an address literal"),
        (String(repeating: "l", count: 65) + "@example.com", "has a local part longer than 64 bytes"),
        ("x@" + String(repeating: "d", count: 64) + ".com", "has a domain label longer than 63 bytes"),
        ("a@" + [label, label, label, label].joined(separator: ".") + ".com", "has a domain longer than 255 bytes"),
        (String(repeating: "l", count: 63) + "@" + [label, label, label].joined(separator: "."), "is longer than 254"),
    ]

    @Test(arguments: badAddresses)
    func refusesBadAddressesSayingWhy(_ text: String, _ reason: String) {
        let error = #expect(throws: MailAddressError.self, "\(text.debugDescription)") { try MailAddress(text) }
        #expect(error?.reason.hasPrefix(reason) == true, "\(text.debugDescription): \(String(describing: error))")
    }

    @Test func tellsMailCallbacksFromWebhooks() throws {
        for text in ["mailto:ops@example.com", "MailTo:ops@example.com", "ops@example.com", "mailto:broken"] {
            #expect(MailAddress.isMailDestination(text), "\(text)")
        }
        for text in ["https://user@example.com/hook", "http://example.com/a@b", "https://example.com/hook", "ops"] {
            #expect(!MailAddress.isMailDestination(text), "\(text)")
        }
        #expect(try MailAddress(callbackURL: "mailto:ops%2Bloupe@example.com").localPart == "ops+loupe")
        #expect(try MailAddress(callbackURL: "mailto:%22night%20shift%22@example.org").localPart == "\"night shift\"")
        #expect(try MailAddress(callbackURL: "ops@example.com") == MailAddress("ops@example.com"))
        for (text, reason) in [
            ("mailto:", "is a mailto: URL without an address"),
            ("mailto:a@example.com?subject=hi", "is a mailto: URL with header fields (?…), which are not supported"),
            ("mailto:a@example.com,b@example.com", "is a mailto: URL with several addresses; give exactly one"),
            ("mailto:a%2@example.com", "is a mailto: URL with a '%' not followed by two hexadecimal digits"),
            ("mailto:a%0D%0A@example.com", "contains a line break or NUL character"),
        ] {
            #expect(throws: MailAddressError(reason)) { try MailAddress(callbackURL: text) }
        }
    }

    /// The message the golden test and the conversation tests send.
    static func sampleMessage(to recipients: [String] = ["ops@example.com", "\"night shift\"@example.org"]) throws
        -> MailMessage
    {
        try MailMessage(
            from: MailAddress("loupe@example.com"), to: recipients.map { try MailAddress($0) },
            subject: "task.completed: 6650f2c1a9e4b3d2c1f0e9d8", date: Date(timeIntervalSince1970: 1_767_323_045),
            messageID: "6650f2c1a9e4b3d2c1f0e9d8.1", messageIDDomain: "loupe.example.com", contentType: .json,
            body: Array(#"{"event":"task.completed","task_id":"6650f2c1a9e4b3d2c1f0e9d8","status":"completed"}"#.utf8),
            extraHeaders: [try MailHeader(name: "X-Loupe-Event", value: "task.completed")])
    }

    @Test func rendersTheMessageByteForByte() throws {
        let expected = [
            "From: loupe@example.com",
            "To: ops@example.com, \"night shift\"@example.org",
            "Subject: task.completed: 6650f2c1a9e4b3d2c1f0e9d8",
            "Date: Fri, 02 Jan 2026 03:04:05 +0000",
            "Message-ID: <6650f2c1a9e4b3d2c1f0e9d8.1@loupe.example.com>",
            "MIME-Version: 1.0",
            "Content-Type: application/json; charset=utf-8",
            "Content-Transfer-Encoding: base64",
            "X-Loupe-Event: task.completed",
            "",
            "eyJldmVudCI6InRhc2suY29tcGxldGVkIiwidGFza19pZCI6IjY2NTBmMmMxYTllNGIzZDJjMWYw",
            "ZTlkOCIsInN0YXR1cyI6ImNvbXBsZXRlZCJ9",
            "",
        ].joined(separator: "\r\n")
        #expect(String(decoding: try MailTests.sampleMessage().renderedBytes(), as: UTF8.self) == expected)
    }

    private func headers(of message: MailMessage) -> [String] {
        let text = String(decoding: message.renderedBytes(), as: UTF8.self)
        return text.components(separatedBy: "\r\n\r\n")[0].components(separatedBy: "\r\n")
    }

    private func message(subject: String, body: [UInt8] = []) throws -> MailMessage {
        try MailMessage(
            from: MailAddress("loupe@example.com"), to: [MailAddress("ops@example.com")], subject: subject,
            date: Date(timeIntervalSince1970: 0), messageID: "m1", messageIDDomain: "example.com",
            contentType: .plainText, body: body)
    }

    @Test func encodesAndFoldsSubjects() throws {
        let french = "Tâche terminée : « étiquetage des images » pour le projet Loupe numéro 42, lot de démonstration"
        let lines = headers(of: try message(subject: french)).drop { !$0.hasPrefix("Subject:") }.prefix(3)
        #expect(
            Array(lines) == [
                "Subject: =?UTF-8?B?VMOiY2hlIHRlcm1pbsOpZSA6IMKrIMOpdGlxdWV0YWdlIGRlcyBpbWFn?=",
                " =?UTF-8?B?ZXMgwrsgcG91ciBsZSBwcm9qZXQgTG91cGUgbnVtw6lybyA0MiwgbG90?=",
                " =?UTF-8?B?IGRlIGTDqW1vbnN0cmF0aW9u?=",
            ])
        let decoded = lines.compactMap { line -> Data? in
            let word = line.split(separator: " ").last ?? ""
            return Data(base64Encoded: String(word.dropFirst(10).dropLast(2)))
        }
        #expect(String(decoding: decoded.reduce(Data(), +), as: UTF8.self) == french)
        let emoji = String(repeating: "👩‍👩‍👧‍👦", count: 5)  // 25 bytes each: words must not split a family
        for line in headers(of: try message(subject: emoji)) { #expect(line.utf8.count <= 78) }

        let long = "The quick brown fox jumps over the lazy dog and keeps on running far beyond the end of the line"
        #expect(headers(of: try message(subject: long)).contains(" beyond the end of the line"))
        #expect(headers(of: try message(subject: "a\r\nBcc: x@example.com")).contains("Subject: a  Bcc: x@example.com"))
        #expect(headers(of: try message(subject: "=?x?=")).contains("Subject: =?UTF-8?B?PT94Pz0=?="))
        #expect(headers(of: try message(subject: "")).contains("Subject:"))
        #expect(headers(of: try message(subject: "")).contains("Date: Thu, 01 Jan 1970 00:00:00 +0000"))
    }

    @Test func wrapsTheBase64BodyAt76Characters() throws {
        let body = (0..<1_000).map { UInt8($0 % 256) }
        let text = String(decoding: try message(subject: "s", body: body).renderedBytes(), as: UTF8.self)
        let bodyLines = text.components(separatedBy: "\r\n\r\n")[1].components(separatedBy: "\r\n").dropLast()
        #expect(bodyLines.dropLast().allSatisfy { $0.count == 76 })
        #expect(bodyLines.last.map { $0.count <= 76 } == true)
        #expect(Data(base64Encoded: bodyLines.joined()) == Data(body))
        #expect(text.contains("Content-Type: text/plain; charset=utf-8\r\n"))
    }

    @Test func refusesHeadersThatWouldBreakTheMessage() throws {
        #expect(throws: MailMessageError.self) { try MailHeader(name: "X-Bad:Name", value: "v") }
        #expect(throws: MailMessageError.self) { try MailHeader(name: "X Bad", value: "v") }
        #expect(throws: MailMessageError.self) { try MailHeader(name: "X-Ok", value: "v\r\nBcc: x@example.com") }
        #expect(throws: MailMessageError.self) { try MailHeader(name: "X-Ok", value: "café") }
        #expect(throws: MailMessageError.self) { try MailHeader(name: "Subject", value: "again") }
        #expect(throws: MailMessageError.self) { try MailHeader(name: "", value: "v") }
        #expect(throws: MailMessageError.self) {
            try MailMessage(
                from: MailAddress("a@example.com"), to: [MailAddress("b@example.com")], subject: "s", date: Date(),
                messageID: "not an id", messageIDDomain: "example.com", contentType: .json, body: [])
        }
        #expect(throws: MailMessageError.self) {
            try MailMessage(
                from: MailAddress("a@example.com"), to: [], subject: "s", date: Date(), messageID: "id",
                messageIDDomain: "example.com", contentType: .json, body: [])
        }
        let header = try MailHeader(name: "X-Trace", value: String(repeating: "word ", count: 40))
        let lines = MailTests.headerLines(name: header.name, value: header.value)
        #expect(lines.count > 1 && lines.allSatisfy { $0.utf8.count <= 78 })
    }

    private static func headerLines(name: String, value: String) -> [String] {
        let message = try? MailMessage(
            from: MailAddress("a@example.com"), to: [MailAddress("b@example.com")], subject: "s", date: Date(),
            messageID: "id", messageIDDomain: "example.com", contentType: .json, body: [],
            extraHeaders: [MailHeader(name: name, value: value)])
        let text = message.map { String(decoding: $0.renderedBytes(), as: UTF8.self) } ?? ""
        let headerBlock = text.components(separatedBy: "\r\n\r\n")[0]
        guard let start = headerBlock.range(of: "\(name):") else { return [] }
        return headerBlock[start.lowerBound...].components(separatedBy: "\r\n")
    }

    @Test func dotStuffsAndTerminatesTheData() {
        func encoded(_ text: String) -> String {
            String(decoding: SMTPDataEncoding.encode(Array(text.utf8)), as: UTF8.self)
        }
        #expect(encoded(".a\r\nb\r\n..c\r\n") == "..a\r\nb\r\n...c\r\n.\r\n")
        #expect(encoded("x") == "x\r\n.\r\n")
        #expect(encoded("a\n.b\rc") == "a\r\n..b\r\nc\r\n.\r\n")
        #expect(encoded("a\r\n.\r\nb\r\n") == "a\r\n..\r\nb\r\n.\r\n")
        #expect(encoded("") == ".\r\n")
    }
}
