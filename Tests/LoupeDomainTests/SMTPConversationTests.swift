import LoupeDomain
import Testing

@Suite("SMTP conversations")
struct SMTPConversationTests {
    @Test(arguments: [false, true])
    func deliversInClearWithoutAuthentication(byteByByte: Bool) throws {
        var conversation = try SMTPScript.conversation(tls: .none)
        let transcript = SMTPScript.play(
            &conversation,
            [
                "220 mx.example.com ESMTP", SMTPScript.ehlo("PIPELINING", "8BITMIME", "STARTTLS"), "250 2.1.0 ok",
                "250 2.1.5 ok", "354 go ahead", "250 2.0.0 queued as 42", "221 2.0.0 bye",
            ], byteByByte: byteByByte)
        #expect(
            transcript == [
                "EHLO loupe.example.com", "MAIL FROM:<loupe@example.com>", "RCPT TO:<ops@example.com>", "DATA",
                "<message>", "QUIT", "<close>",
            ])
        #expect(conversation.outcome == .delivered)
        #expect(!conversation.isEncrypted && conversation.capabilities.pipelining)
        #expect(conversation.acceptedRecipients == [try MailAddress("ops@example.com")])
    }

    @Test func sendsTheDotStuffedMessageAfter354() throws {
        var conversation = try SMTPScript.conversation(tls: .none)
        _ = SMTPScript.play(&conversation, ["220 mx", "250 mx", "250 ok", "250 ok"])
        let data = conversation.receive(Array("354 go ahead\r\n".utf8))
        let message = try MailTests.sampleMessage(to: ["ops@example.com"]).renderedBytes()
        #expect(data == .send(SMTPDataEncoding.encode(message)))
        #expect(conversation.replyTimeout == .seconds(600))
    }

    @Test func upgradesWithSTARTTLSThenAuthenticatesWithPLAIN() throws {
        var conversation = try SMTPScript.conversation(tls: .required, credentials: SMTPScript.credentials())
        let size = try SMTPScript.messageSize()
        let transcript = SMTPScript.play(
            &conversation,
            [
                "220 mx.example.com ESMTP", SMTPScript.ehlo("STARTTLS", "AUTH PLAIN LOGIN", "SIZE 10240000"),
                "220 2.0.0 ready to start TLS", SMTPScript.ehlo("AUTH PLAIN LOGIN", "SIZE 10240000"),
                "235 2.7.0 accepted", "250 ok", "250 ok", "354 go", "250 queued", "221 bye",
            ])
        #expect(
            transcript == [
                "EHLO loupe.example.com", "STARTTLS", "<tls>", "EHLO loupe.example.com",
                "AUTH PLAIN AGxvdXBlAHNlY3JldA==", "MAIL FROM:<loupe@example.com> SIZE=\(size)",
                "RCPT TO:<ops@example.com>", "DATA", "<message>", "QUIT", "<close>",
            ])
        #expect(conversation.outcome == .delivered)
        #expect(conversation.isEncrypted && !conversation.capabilities.startTLS)
    }

    @Test func forgetsWhatTheServerSaidBeforeTLS() throws {
        var conversation = try SMTPScript.conversation(tls: .opportunistic)
        let transcript = SMTPScript.play(
            &conversation,
            ["220 mx", SMTPScript.ehlo("STARTTLS", "SIZE 10"), "220 go", SMTPScript.ehlo("PIPELINING"), "250 ok"])
        // SIZE 10 was announced in clear only: the message is not refused as too large, and no SIZE= is sent.
        #expect(
            transcript == [
                "EHLO loupe.example.com", "STARTTLS", "<tls>", "EHLO loupe.example.com",
                "MAIL FROM:<loupe@example.com>", "RCPT TO:<ops@example.com>",
            ])
        #expect(conversation.capabilities.maxMessageSize == nil && conversation.capabilities.pipelining)
    }

    @Test func authenticatesWithLOGINOnImplicitTLS() throws {
        var conversation = try SMTPScript.conversation(
            tls: .required, encrypted: true, credentials: SMTPScript.credentials())
        let transcript = SMTPScript.play(
            &conversation,
            [
                "220 mx", SMTPScript.ehlo("AUTH LOGIN CRAM-MD5", "STARTTLS"), "334 VXNlcm5hbWU6", "334 UGFzc3dvcmQ6",
                "235 2.7.0 ok", "250 ok",
            ])
        #expect(
            transcript == [
                "EHLO loupe.example.com", "AUTH LOGIN", "bG91cGU=", "c2VjcmV0", "MAIL FROM:<loupe@example.com>",
                "RCPT TO:<ops@example.com>",
            ])
    }

    @Test func sendsCredentialsInClearOnlyWhenThePolicyIsNone() throws {
        var clear = try SMTPScript.conversation(tls: .none, credentials: SMTPScript.credentials())
        #expect(
            SMTPScript.play(&clear, ["220 mx", SMTPScript.ehlo("AUTH PLAIN")])
                == ["EHLO loupe.example.com", "AUTH PLAIN AGxvdXBlAHNlY3JldA=="])

        var careful = try SMTPScript.conversation(tls: .opportunistic, credentials: SMTPScript.credentials())
        #expect(
            SMTPScript.play(&careful, ["220 mx", SMTPScript.ehlo("AUTH PLAIN"), "221 bye"])
                == ["EHLO loupe.example.com", "QUIT", "<close>"])
        #expect(
            careful.outcome
                == .permanent(
                    "credentials are not sent over an unencrypted connection, and the server offers no STARTTLS"))
    }

    @Test func goesOnInClearWhenOpportunisticTLSIsNotOffered() throws {
        var conversation = try SMTPScript.conversation(tls: .opportunistic)
        #expect(
            SMTPScript.play(&conversation, ["220 mx", SMTPScript.ehlo("SIZE")])
                == ["EHLO loupe.example.com", "MAIL FROM:<loupe@example.com> SIZE=\(try SMTPScript.messageSize())"])

        var refused = try SMTPScript.conversation(tls: .opportunistic)
        #expect(
            SMTPScript.play(&refused, ["220 mx", SMTPScript.ehlo("STARTTLS"), "454 4.7.0 TLS not available"])
                == ["EHLO loupe.example.com", "STARTTLS", "MAIL FROM:<loupe@example.com>"])
    }

    @Test func fallsBackToHELOOnlyWhenNeitherTLSNorAuthIsRequired() throws {
        var old = try SMTPScript.conversation(tls: .opportunistic)
        #expect(
            SMTPScript.play(&old, ["220 mx", "502 5.5.1 command not implemented", "250 mx", "250 ok"])
                == [
                    "EHLO loupe.example.com", "HELO loupe.example.com", "MAIL FROM:<loupe@example.com>",
                    "RCPT TO:<ops@example.com>",
                ])

        var strict = try SMTPScript.conversation(tls: .required)
        #expect(
            SMTPScript.play(&strict, ["220 mx", "500 5.5.2 what?", "221 bye"])
                == ["EHLO loupe.example.com", "QUIT", "<close>"])
        #expect(strict.outcome == .permanent("TLS is required, and STARTTLS needs EHLO; EHLO refused: 500 5.5.2 what?"))

        var authenticating = try SMTPScript.conversation(tls: .none, credentials: SMTPScript.credentials())
        _ = SMTPScript.play(&authenticating, ["220 mx", "502 no", "221 bye"])
        #expect(authenticating.outcome?.reason?.hasPrefix("credentials are configured, and AUTH needs EHLO") == true)
    }

    @Test func deliversToTheRecipientsThatAreAccepted() throws {
        let recipients = ["ops@example.com", "\"night shift\"@example.org"]
        var conversation = try SMTPScript.conversation(tls: .none, recipients: recipients)
        let transcript = SMTPScript.play(
            &conversation,
            [
                "220 mx", SMTPScript.ehlo(), "250 ok", "250 2.1.5 ok", "450 4.2.1 mailbox busy", "354 go", "250 ok",
                "221 bye",
            ])
        #expect(
            transcript == [
                "EHLO loupe.example.com", "MAIL FROM:<loupe@example.com>", "RCPT TO:<ops@example.com>",
                "RCPT TO:<\"night shift\"@example.org>", "DATA", "<message>", "QUIT", "<close>",
            ])
        // Retrying would send the message again to the accepted recipient, so the outcome is delivered.
        #expect(conversation.outcome == .delivered)
        #expect(conversation.acceptedRecipients == [try MailAddress("ops@example.com")])
        #expect(
            conversation.refusedRecipients == [
                SMTPRecipientRefusal(
                    recipient: try MailAddress("\"night shift\"@example.org"),
                    reply: SMTPReply(code: 450, lines: ["4.2.1 mailbox busy"]))
            ])
    }
}
