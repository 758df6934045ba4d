import LoupeDomain
import Testing

@Suite("SMTP conversation failures")
struct SMTPConversationFailureTests {
    @Test func failsPermanentlyWhenRequiredTLSIsNotOffered() throws {
        var conversation = try SMTPScript.conversation(tls: .required, credentials: SMTPScript.credentials())
        let transcript = SMTPScript.play(&conversation, ["220 mx", SMTPScript.ehlo("AUTH PLAIN"), "221 bye"])
        #expect(transcript == ["EHLO loupe.example.com", "QUIT", "<close>"])
        #expect(conversation.outcome == .permanent("TLS is required, but the server does not offer STARTTLS"))
    }

    @Test func failsPermanentlyWhenCredentialsAreRefused() throws {
        var conversation = try SMTPScript.conversation(tls: .none, credentials: SMTPScript.credentials())
        let transcript = SMTPScript.play(
            &conversation,
            ["220 mx", SMTPScript.ehlo("AUTH PLAIN"), "535 5.7.8 Authentication credentials invalid", "221 bye"])
        #expect(transcript == ["EHLO loupe.example.com", "AUTH PLAIN AGxvdXBlAHNlY3JldA==", "QUIT", "<close>"])
        #expect(
            conversation.outcome == .permanent("authentication refused: 535 5.7.8 Authentication credentials invalid"))

        // A server that echoes what it was sent does not get the password into the reason.
        var echoing = try SMTPScript.conversation(tls: .none, credentials: SMTPScript.credentials())
        _ = SMTPScript.play(
            &echoing, ["220 mx", SMTPScript.ehlo("AUTH PLAIN"), "535 bad AGxvdXBlAHNlY3JldA== (secret)", "221 bye"])
        #expect(echoing.outcome == .permanent("authentication refused: 535 bad *** (***)"))
        #expect(!"\(try SMTPScript.credentials())".contains("secret"))

        // Reasons are cut to 200 characters after the secrets are removed, so no part of one is left.
        var long = try SMTPScript.conversation(tls: .none, credentials: SMTPScript.credentials())
        let padding = String(repeating: "x", count: 170)
        _ = SMTPScript.play(
            &long, ["220 mx", SMTPScript.ehlo("AUTH PLAIN"), "535 \(padding) AGxvdXBlAHNlY3JldA== more", "221 bye"])
        let reason = try #require(long.outcome?.reason)
        #expect(reason.count == 200 && reason.hasSuffix("…") && !reason.contains("AG"))
    }

    @Test func failsWhenEveryRecipientIsRefused() throws {
        let recipients = ["ops@example.com", "dev@example.com"]
        var conversation = try SMTPScript.conversation(tls: .none, recipients: recipients)
        let transcript = SMTPScript.play(
            &conversation,
            ["220 mx", SMTPScript.ehlo(), "250 ok", "550 5.1.1 no such user", "550 5.1.1 no such user", "221 bye"])
        #expect(
            transcript == [
                "EHLO loupe.example.com", "MAIL FROM:<loupe@example.com>", "RCPT TO:<ops@example.com>",
                "RCPT TO:<dev@example.com>", "QUIT", "<close>",
            ])
        #expect(
            conversation.outcome
                == .permanent(
                    "every recipient refused: <ops@example.com> 550 5.1.1 no such user; "
                        + "<dev@example.com> 550 5.1.1 no such user"))

        // While one refusal is temporary, a later attempt may succeed.
        var mixed = try SMTPScript.conversation(tls: .none, recipients: recipients)
        _ = SMTPScript.play(&mixed, ["220 mx", SMTPScript.ehlo(), "250 ok", "550 5.1.1 no", "451 4.3.0 later"])
        #expect(mixed.outcome == nil)
        #expect(mixed.connectionClosed().reason?.hasPrefix("every recipient refused") == true)
    }

    @Test func closesAtOnceOnA421Greeting() throws {
        var conversation = try SMTPScript.conversation(tls: .required)
        #expect(SMTPScript.play(&conversation, ["421 4.3.2 too busy, try later"]) == ["<close>"])
        #expect(conversation.outcome == .transient("the server refused the session: 421 4.3.2 too busy, try later"))

        var refusing = try SMTPScript.conversation(tls: .required)
        #expect(SMTPScript.play(&refusing, ["554 5.7.1 no service for you", "221 bye"]) == ["QUIT", "<close>"])
        #expect(refusing.outcome == .permanent("the server refused the session: 554 5.7.1 no service for you"))
    }

    @Test func refusesAMessageOverTheSizeLimitBeforeSendingIt() throws {
        var conversation = try SMTPScript.conversation(tls: .none)
        let transcript = SMTPScript.play(&conversation, ["220 mx", SMTPScript.ehlo("SIZE 100"), "221 bye"])
        #expect(transcript == ["EHLO loupe.example.com", "QUIT", "<close>"])
        let size = try SMTPScript.messageSize()
        #expect(
            conversation.outcome == .permanent("the message of \(size) bytes is over the server's SIZE limit of 100"))
    }

    @Test func sortsRefusalsIntoTransientAndPermanent() throws {
        func outcome(_ replies: [String]) throws -> MailOutcome? {
            var conversation = try SMTPScript.conversation(tls: .none)
            _ = SMTPScript.play(&conversation, ["220 mx", SMTPScript.ehlo()] + replies + ["221 bye"])
            return conversation.outcome
        }
        #expect(try outcome(["451 4.3.0 greylisted"]) == .transient("MAIL FROM refused: 451 4.3.0 greylisted"))
        #expect(try outcome(["553 5.7.1 sender refused"]) == .permanent("MAIL FROM refused: 553 5.7.1 sender refused"))
        #expect(try outcome(["250 ok", "250 ok", "554 5.5.1 no"]) == .permanent("DATA refused: 554 5.5.1 no"))
        #expect(
            try outcome(["250 ok", "250 ok", "354 go", "552 5.3.4 too big"])
                == .permanent("message refused: 552 5.3.4 too big"))
        #expect(
            try outcome(["250 ok", "250 ok", "354 go", "452 4.3.1 full"])
                == .transient("message refused: 452 4.3.1 full"))
    }

    @Test func endsCleanlyOnUnexpectedReplies() throws {
        var early = try SMTPScript.conversation(tls: .none)
        // 354 to MAIL FROM: the server waits for data, so QUIT would be read as message text.
        #expect(
            SMTPScript.play(&early, ["220 mx", SMTPScript.ehlo(), "354 go"]) == [
                "EHLO loupe.example.com", "MAIL FROM:<loupe@example.com>", "<close>",
            ])
        #expect(early.outcome == .transient("unexpected reply to MAIL FROM: 354 go"))

        var odd = try SMTPScript.conversation(tls: .none)
        _ = SMTPScript.play(&odd, ["220 mx", SMTPScript.ehlo(), "250 ok", "250 ok", "250 ok"])
        #expect(odd.outcome == nil)
        #expect(odd.receive(Array("221 bye\r\n".utf8)) == .close(.transient("unexpected reply to DATA: 250 ok")))

        var garbled = try SMTPScript.conversation(tls: .none)
        #expect(SMTPScript.play(&garbled, ["220 mx", "hello there"]) == ["EHLO loupe.example.com", "<close>"])
        #expect(garbled.outcome == .transient("the server sent malformed reply line \"hello there\""))
    }

    @Test func dropsServersThatSpeakOutOfTurn() throws {
        var chatty = try SMTPScript.conversation(tls: .none)
        #expect(
            chatty.receive(Array("220 mx\r\n250 surprise\r\n".utf8))
                == .close(
                    .transient(
                        "the server sent a reply nobody asked for after 220 mx")))

        // Bytes after the 220 to STARTTLS may have been injected in clear: the handshake does not start.
        var injected = try SMTPScript.conversation(tls: .required)
        _ = SMTPScript.play(&injected, ["220 mx", SMTPScript.ehlo("STARTTLS")])
        let action = injected.receive(Array("220 go ahead\r\n250-mx\r\n250 AUTH PLAIN\r\n".utf8))
        #expect(action == .close(.transient("the server sent a reply nobody asked for after 220 go ahead")))

        var waiting = try SMTPScript.conversation(tls: .required)
        _ = SMTPScript.play(&waiting, ["220 mx", SMTPScript.ehlo("STARTTLS")])
        #expect(waiting.receive(Array("220 go ahead\r\n".utf8)) == .startTLS)
        #expect(
            waiting.receive(Array("250 x\r\n".utf8))
                == .close(
                    .transient(
                        "the server sent data after agreeing to STARTTLS, before the TLS handshake")))
        #expect(
            waiting.tlsEstablished()
                == .close(
                    .transient(
                        "the server sent data after agreeing to STARTTLS, before the TLS handshake")))
    }

    @Test func classifiesAClosedConnection() throws {
        var greeting = try SMTPScript.conversation(tls: .none)
        #expect(
            greeting.connectionClosed(detail: "timed out")
                == .transient(
                    "the connection closed while waiting for the greeting: timed out"))
        #expect(greeting.receive(Array("220 mx\r\n".utf8)) == nil)

        var recipient = try SMTPScript.conversation(tls: .none)
        _ = SMTPScript.play(&recipient, ["220 mx", SMTPScript.ehlo(), "250 ok"])
        #expect(
            recipient.connectionClosed()
                == .transient(
                    "the connection closed while waiting for the reply to RCPT TO:<ops@example.com>"))

        var sent = try SMTPScript.conversation(tls: .none)
        _ = SMTPScript.play(&sent, ["220 mx", SMTPScript.ehlo(), "250 ok", "250 ok", "354 go"])
        #expect(sent.connectionClosed() == .transient("the connection closed before the server confirmed the message"))

        var delivered = try SMTPScript.conversation(tls: .none)
        _ = SMTPScript.play(&delivered, ["220 mx", SMTPScript.ehlo(), "250 ok", "250 ok", "354 go", "250 ok"])
        #expect(delivered.connectionClosed() == .delivered)
    }

    @Test func refusesUnusableSettings() throws {
        let message = try MailTests.sampleMessage()
        let sender = try MailAddress("loupe@example.com")
        #expect(throws: SMTPConfigurationError("recipients must list 1 to 100 addresses")) {
            try SMTPConversation(
                ehloName: "loupe.example.com", tlsPolicy: .none, sender: sender, recipients: [],
                message: message)
        }
        #expect(throws: SMTPConfigurationError.self) {
            try SMTPConversation(
                ehloName: "bad name\r\n", tlsPolicy: .none, sender: sender, recipients: [sender],
                message: message)
        }
        #expect(throws: SMTPConfigurationError("password must not contain NUL")) {
            try SMTPCredentials(username: "loupe", password: "a\0b")
        }
        #expect(throws: SMTPConfigurationError("username must be 1 to 512 bytes")) {
            try SMTPCredentials(username: "", password: "p")
        }
        #expect(
            try SMTPConversation(
                ehloName: "[192.0.2.7]", tlsPolicy: .none, sender: sender, recipients: [sender],
                message: message
            ).ehloName == "[192.0.2.7]")
    }
}
