import LoupeDomain

/// Scripted SMTP servers for the conversation tests.
enum SMTPScript {
    /// The credentials the tests authenticate with; `AUTH PLAIN` sends them as `AGxvdXBlAHNlY3JldA==`.
    static func credentials() throws -> SMTPCredentials {
        try SMTPCredentials(username: "loupe", password: "secret")
    }

    /// A conversation sending `MailTests.sampleMessage` from loupe@example.com to `recipients`.
    static func conversation(
        tls: SMTPTLSPolicy, encrypted: Bool = false, credentials: SMTPCredentials? = nil,
        recipients: [String] = ["ops@example.com"]
    ) throws -> SMTPConversation {
        let message = try MailTests.sampleMessage(to: recipients)
        return try SMTPConversation(
            ehloName: "loupe.example.com", tlsPolicy: tls, connectionIsEncrypted: encrypted,
            credentials: credentials, sender: MailAddress("loupe@example.com"),
            recipients: recipients.map { try MailAddress($0) }, message: message)
    }

    /// The size of `MailTests.sampleMessage(to:)` as declared with `SIZE=`.
    static func messageSize(recipients: [String] = ["ops@example.com"]) throws -> Int {
        try MailTests.sampleMessage(to: recipients).renderedBytes().count
    }

    /// Feeds the server's replies in turn (`\n` separates the lines of one reply) and notes what the client
    /// does after each: a command without its CRLF, `<message>` for the message data, `<tls>` when asked to
    /// start TLS (the handshake is then taken as done), `<close>` at the end. With `byteByByte` each reply is
    /// fed one byte at a time, and an action before its last byte is noted as `<early>`.
    static func play(_ conversation: inout SMTPConversation, _ replies: [String], byteByByte: Bool = false)
        -> [String]
    {
        var transcript: [String] = []
        for reply in replies {
            let bytes = Array((reply.split(separator: "\n").joined(separator: "\r\n") + "\r\n").utf8)
            var next: SMTPConversation.Action?
            if byteByByte {
                for byte in bytes.dropLast() where conversation.receive([byte]) != nil { transcript.append("<early>") }
                next = conversation.receive(bytes.suffix(1))
            } else {
                next = conversation.receive(bytes)
            }
            while let action = next {
                next = nil
                switch action {
                case .send(let sent):
                    transcript.append(describe(sent))
                case .startTLS:
                    transcript.append("<tls>")
                    next = conversation.tlsEstablished()
                case .close:
                    transcript.append("<close>")
                }
            }
        }
        return transcript
    }

    /// A command line without its CRLF, or `<message>` for dot-stuffed data ending with `CRLF.CRLF`.
    static func describe(_ sent: [UInt8]) -> String {
        if sent.count > 5 && sent.suffix(5).elementsEqual([0x0D, 0x0A, 0x2E, 0x0D, 0x0A]) { return "<message>" }
        return String(decoding: sent.prefix { $0 != 0x0D }, as: UTF8.self)
    }

    /// A usual EHLO reply listing `extensions`.
    static func ehlo(_ extensions: String...) -> String {
        let lines = ["mx.example.com"] + extensions
        return lines.enumerated()
            .map { "250\($0.offset == lines.count - 1 ? " " : "-")\($0.element)" }
            .joined(separator: "\n")
    }
}
