extension SMTPConversation {
    /// The next action after `reply` to the command now awaited.
    mutating func handle(_ reply: SMTPReply) -> Action {
        switch state {
        case .awaitingGreeting:
            guard reply.code == 220 else {
                return refused("the connection", reply, refusal: "the server refused the session")
            }
            return sendHello(extended: true)
        case .awaitingHello(let extended):
            if reply.code == 250 {
                capabilities = extended ? SMTPCapabilities(ehloReply: reply) : SMTPCapabilities()
                return afterHello()
            }
            guard extended, reply.code == 500 || reply.code == 502 else {
                return refused(extended ? "EHLO" : "HELO", reply)
            }
            if let problem = heloFallbackProblem {
                return finish(.permanent("\(problem); EHLO refused: \(summary(of: reply))"), quit: true)
            }
            return sendHello(extended: false)
        case .awaitingStartTLS:
            if reply.code == 220 {
                state = .upgradingTLS
                return .startTLS
            }
            // RFC 3207 §4 lets a client that may send in clear go on when the server cannot start TLS after all.
            let failed = reply.isTransientFailure || reply.isPermanentFailure
            if tlsPolicy == .opportunistic && credentials == nil && failed && reply.code != 421 {
                return afterEncryptionChoice()
            }
            return refused("STARTTLS", reply)
        case .upgradingTLS:
            return abandon("the server sent data before the TLS handshake")
        case .awaitingAuthentication(let step):
            return handleAuthentication(reply, step: step)
        case .awaitingMailFrom:
            return reply.code == 250 ? sendRecipient(at: 0) : refused("MAIL FROM", reply)
        case .awaitingRecipient(let index):
            return handleRecipient(reply, index: index)
        case .awaitingDataStart:
            guard reply.code == 354 else { return refused("DATA", reply) }
            state = .awaitingDataEnd
            return .send(SMTPDataEncoding.encode(messageBytes))
        case .awaitingDataEnd:
            return reply.isPositiveCompletion
                ? finish(.delivered, quit: true) : refused("the message", reply, refusal: "message refused")
        case .awaitingQuit(let outcome):
            return finish(outcome, quit: false)
        case .finished(let outcome):
            return .close(outcome)
        }
    }

    /// Why the session cannot go on with `HELO` after `EHLO` was not understood, nil when it can.
    private var heloFallbackProblem: String? {
        if tlsPolicy == .required && !isEncrypted { return "TLS is required, and STARTTLS needs EHLO" }
        if credentials != nil { return "credentials are configured, and AUTH needs EHLO" }
        return nil
    }

    /// Sends `EHLO` (or `HELO` when `extended` is false) and waits for its reply.
    mutating func sendHello(extended: Bool) -> Action {
        state = .awaitingHello(extended: extended)
        return command("\(extended ? "EHLO" : "HELO") \(ehloName)")
    }

    /// After `EHLO`: upgrade when the policy and the server allow it.
    private mutating func afterHello() -> Action {
        guard !isEncrypted && tlsPolicy != .none else { return afterEncryptionChoice() }
        if capabilities.startTLS {
            state = .awaitingStartTLS
            return command("STARTTLS")
        }
        if tlsPolicy == .required {
            return finish(.permanent("TLS is required, but the server does not offer STARTTLS"), quit: true)
        }
        return afterEncryptionChoice()
    }

    /// Once the connection is as encrypted as it will be: check the size, authenticate, start the mail.
    private mutating func afterEncryptionChoice() -> Action {
        if let limit = capabilities.maxMessageSize, messageBytes.count > limit {
            return finish(
                .permanent("the message of \(messageBytes.count) bytes is over the server's SIZE limit of \(limit)"),
                quit: true)
        }
        guard let credentials else { return sendMailFrom() }
        if !isEncrypted && tlsPolicy != .none {
            let reason = "credentials are not sent over an unencrypted connection, and the server offers no STARTTLS"
            return finish(.permanent(reason), quit: true)
        }
        if capabilities.authMechanisms.contains("PLAIN") {
            state = .awaitingAuthentication(.plain)
            let response = MailBase64.encodedString(Array("\0\(credentials.username)\0\(credentials.password)".utf8))
            return command("AUTH PLAIN \(response)")
        }
        if capabilities.authMechanisms.contains("LOGIN") {
            state = .awaitingAuthentication(.loginUsername)
            return command("AUTH LOGIN")
        }
        let offered = capabilities.authMechanisms.sorted().joined(separator: " ")
        let reason =
            offered.isEmpty
            ? "credentials are configured, but the server does not offer AUTH"
            : "the server offers no AUTH mechanism Loupe supports (PLAIN, LOGIN), only \(offered)"
        return finish(.permanent(reason), quit: true)
    }

    private mutating func handleAuthentication(_ reply: SMTPReply, step: AuthenticationStep) -> Action {
        guard let credentials else { return abandon("AUTH without credentials") }
        switch (step, reply.code) {
        case (.plain, 235), (.loginResult, 235):
            return sendMailFrom()
        case (.loginUsername, 334):
            state = .awaitingAuthentication(.loginPassword)
            return command(MailBase64.encodedString(Array(credentials.username.utf8)))
        case (.loginPassword, 334):
            state = .awaitingAuthentication(.loginResult)
            return command(MailBase64.encodedString(Array(credentials.password.utf8)))
        default:
            return refused("AUTH", reply, refusal: "authentication refused")
        }
    }

    private mutating func sendMailFrom() -> Action {
        state = .awaitingMailFrom
        let size = capabilities.supportsSize ? " SIZE=\(messageBytes.count)" : ""
        return command("MAIL FROM:<\(sender)>\(size)")
    }

    private mutating func sendRecipient(at index: Int) -> Action {
        state = .awaitingRecipient(index: index)
        return command("RCPT TO:<\(recipients[index])>")
    }

    private mutating func handleRecipient(_ reply: SMTPReply, index: Int) -> Action {
        switch reply.code {
        case 250, 251:
            acceptedRecipients.append(recipients[index])
        case 421:
            return refused("RCPT TO:<\(recipients[index])>", reply)
        case 400..<600:
            refusedRecipients.append(SMTPRecipientRefusal(recipient: recipients[index], reply: reply))
        default:
            return refused("RCPT TO:<\(recipients[index])>", reply)
        }
        if index + 1 < recipients.count { return sendRecipient(at: index + 1) }
        guard acceptedRecipients.isEmpty else {
            state = .awaitingDataStart
            return command("DATA")
        }
        let refusals = refusedRecipients.map { "<\($0.recipient)> \(summary(of: $0.reply))" }
        let reason = "every recipient refused: " + refusals.joined(separator: "; ")
        let retryable = refusedRecipients.contains { $0.reply.isTransientFailure }
        return finish(retryable ? .transient(reason) : .permanent(reason), quit: true)
    }

    /// The end of the session after an unwanted `reply` to `command`: 421 closes at once (the server is
    /// leaving), other 4xx are transient and 5xx permanent, both after `QUIT`, with the reason
    /// "`refusal` (default: "`command` refused"): reply". Any other code is a protocol error: a 2xx is ended
    /// with `QUIT`, a 3xx (the server waits for data or a SASL answer) by closing.
    private mutating func refused(_ command: String, _ reply: SMTPReply, refusal: String? = nil) -> Action {
        let reason = "\(refusal ?? "\(command) refused"): \(summary(of: reply))"
        let unexpected = "unexpected reply to \(command): \(summary(of: reply))"
        switch reply.code {
        case 421: return finish(.transient(reason), quit: false)
        case 400..<500: return finish(.transient(reason), quit: true)
        case 500..<600: return finish(.permanent(reason), quit: true)
        case 300..<400: return finish(.transient(unexpected), quit: false)
        default: return finish(.transient(unexpected), quit: true)
        }
    }

    /// Ends the session with `outcome` (its reason made presentable), after `QUIT` when `quit` is true.
    mutating func finish(_ outcome: MailOutcome, quit: Bool) -> Action {
        let outcome: MailOutcome =
            switch outcome {
            case .delivered: .delivered
            case .transient(let reason): .transient(presentable(reason))
            case .permanent(let reason): .permanent(presentable(reason))
            }
        if quit {
            state = .awaitingQuit(outcome)
            return command("QUIT")
        }
        state = .finished(outcome)
        return .close(outcome)
    }

    /// Ends the session at once after a protocol error, keeping an outcome already decided (a message accepted
    /// before the server misbehaved during `QUIT` stays delivered).
    mutating func abandon(_ reason: String) -> Action {
        if case .awaitingQuit(let decided) = state { return finish(decided, quit: false) }
        if case .finished(let decided) = state { return .close(decided) }
        return finish(.transient(reason), quit: false)
    }

    private func command(_ line: String) -> Action {
        .send(Array("\(line)\r\n".utf8))
    }

    /// A reply as quoted in a reason; `presentable` cuts it after removing secrets, so that no part of one is left.
    func summary(of reply: SMTPReply) -> String {
        reply.description
    }

    /// `reason` printable, without the password in any form the session sends it (a server may echo what it
    /// got), and short.
    func presentable(_ reason: String) -> String {
        let printable = reason.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : $0 }
        var text = String(String.UnicodeScalarView(printable))
        if let credentials {
            let plain = MailBase64.encodedString(Array("\0\(credentials.username)\0\(credentials.password)".utf8))
            let secrets = [plain, MailBase64.encodedString(Array(credentials.password.utf8)), credentials.password]
            for secret in secrets { text = text.replacing(secret, with: "***") }
        }
        return SMTPConversation.truncated(text)
    }

    /// `text` cut to 200 characters.
    static func truncated(_ text: String, limit: Int = 200) -> String {
        text.count <= limit ? text : text.prefix(limit - 1) + "…"
    }
}
