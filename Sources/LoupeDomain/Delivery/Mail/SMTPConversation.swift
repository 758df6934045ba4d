/// The client side of one SMTP session that hands one message to a relay, as a state machine without I/O.
///
/// The transport connects (and, for implicit TLS, completes the handshake), then loops: read bytes, give them to
/// `receive(_:)`, perform the action returned. `.startTLS` asks it to put TLS on the connection and call
/// `tlsEstablished()`, which returns the next action. When the peer closes the connection or a timeout
/// (`replyTimeout`) expires, `connectionClosed(detail:)` gives the outcome.
///
/// ```swift
/// var conversation = try SMTPConversation(
///     ehloName: "loupe.example.com", tlsPolicy: .required, credentials: credentials,
///     sender: sender, recipients: message.to, message: message)
/// for try await chunk in inbound {
///     var next = conversation.receive(chunk.readableBytesView)
///     while let action = next {
///         next = nil
///         switch action {
///         case .send(let bytes): try await write(bytes)
///         case .startTLS: try await upgradeToTLS(); next = conversation.tlsEstablished()
///         case .close(let outcome): return outcome
///         }
///     }
/// }
/// return conversation.connectionClosed()
/// ```
///
/// Commands go one at a time (no `PIPELINING`); a server that sends anything before it was asked, or anything
/// in clear after agreeing to `STARTTLS`, is dropped.
public struct SMTPConversation: Sendable {
    /// What the transport does next.
    public enum Action: Sendable, Equatable {
        /// Write these bytes (one command, or the message data) and keep reading.
        case send([UInt8])
        /// Start TLS on the connection, then call `tlsEstablished()`. Read nothing in between.
        case startTLS
        /// Close the connection: the session is over with this outcome.
        case close(MailOutcome)
    }

    /// The name sent with `EHLO`/`HELO`: the client's host name or an address literal.
    public let ehloName: String
    /// When to upgrade with `STARTTLS`.
    public let tlsPolicy: SMTPTLSPolicy
    /// The credentials for `AUTH`, if the relay needs them.
    public let credentials: SMTPCredentials?
    /// The envelope sender (`MAIL FROM`), where bounces go.
    public let sender: MailAddress
    /// The envelope recipients (`RCPT TO`), in order.
    public let recipients: [MailAddress]
    /// Whether the connection is encrypted: from the start (implicit TLS) or after `STARTTLS`.
    public internal(set) var isEncrypted: Bool
    /// The extensions of the latest `EHLO` reply; cleared by `STARTTLS`, empty after `HELO`.
    public internal(set) var capabilities = SMTPCapabilities()
    /// The recipients the server accepted so far.
    public internal(set) var acceptedRecipients: [MailAddress] = []
    /// The recipients the server refused so far, with its replies.
    public internal(set) var refusedRecipients: [SMTPRecipientRefusal] = []

    /// The rendered message, sent dot-stuffed after 354 and measured for `SIZE`.
    let messageBytes: [UInt8]
    /// Reads the server's replies; replaced after `STARTTLS` so nothing read in clear survives.
    var parser = SMTPReplyParser()
    /// Where the session is.
    var state = State.awaitingGreeting

    /// Where the session is; each waiting state names the command whose reply is awaited.
    enum State: Sendable, Equatable {
        case awaitingGreeting
        case awaitingHello(extended: Bool)
        case awaitingStartTLS
        case upgradingTLS
        case awaitingAuthentication(AuthenticationStep)
        case awaitingMailFrom
        case awaitingRecipient(index: Int)
        case awaitingDataStart
        case awaitingDataEnd
        case awaitingQuit(MailOutcome)
        case finished(MailOutcome)
    }

    /// The exchanges of `AUTH PLAIN` (one) and `AUTH LOGIN` (three).
    enum AuthenticationStep: Sendable, Equatable {
        case plain, loginUsername, loginPassword, loginResult
    }

    /// The most recipients: the number every server must accept (RFC 5321 §4.5.3.1.8).
    public static let maxRecipients = 100

    /// A conversation that waits for the server's greeting. `connectionIsEncrypted` is true on an implicit-TLS
    /// connection, which then never uses `STARTTLS` and may send credentials at once.
    public init(
        ehloName: String, tlsPolicy: SMTPTLSPolicy, connectionIsEncrypted: Bool = false,
        credentials: SMTPCredentials? = nil, sender: MailAddress, recipients: [MailAddress], message: MailMessage
    ) throws(SMTPConfigurationError) {
        if let problem = MailAddress.domainProblem(Array(ehloName.utf8)) {
            throw SMTPConfigurationError("ehloName \(problem)")
        }
        guard (1...SMTPConversation.maxRecipients).contains(recipients.count) else {
            throw SMTPConfigurationError("recipients must list 1 to \(SMTPConversation.maxRecipients) addresses")
        }
        self.ehloName = ehloName
        self.tlsPolicy = tlsPolicy
        self.isEncrypted = connectionIsEncrypted
        self.credentials = credentials
        self.sender = sender
        self.recipients = recipients
        self.messageBytes = message.renderedBytes()
    }

    /// The outcome once the session is over, nil before.
    public var outcome: MailOutcome? {
        if case .finished(let outcome) = state { return outcome }
        return nil
    }

    /// How long to wait for the reply now awaited, after RFC 5321 §4.5.3.2: 5 minutes in general, 2 for the
    /// reply to `DATA`, 10 for the reply to the message; the transport enforces it.
    public var replyTimeout: Duration {
        switch state {
        case .awaitingDataStart: .seconds(120)
        case .awaitingDataEnd: .seconds(600)
        default: .seconds(300)
        }
    }

    /// Takes the bytes just read; returns what to do, or nil to read more. Replies are handled one at a time, so
    /// a chunk holding more than a reply (or the start of another) ends the session.
    public mutating func receive(_ bytes: some Sequence<UInt8>) -> Action? {
        switch state {
        case .finished:
            return nil
        case .upgradingTLS:
            var iterator = bytes.makeIterator()
            if iterator.next() == nil { return nil }
            // Bytes read in clear after 220 to STARTTLS could be an attacker's, injected before the handshake.
            return abandon("the server sent data after agreeing to STARTTLS, before the TLS handshake")
        default:
            break
        }
        let replies: [SMTPReply]
        do {
            replies = try parser.feed(bytes)
        } catch {
            return abandon("the server sent \(error.reason)")
        }
        guard let reply = replies.first else { return nil }
        let action = handle(reply)
        if case .close = action { return action }
        if replies.count > 1 || parser.hasBufferedBytes {
            return abandon("the server sent a reply nobody asked for after \(summary(of: reply))")
        }
        return action
    }

    /// Tells the conversation the TLS handshake asked for by `.startTLS` succeeded; returns the next action,
    /// `EHLO` again: what the server said before TLS is forgotten.
    public mutating func tlsEstablished() -> Action {
        guard case .upgradingTLS = state else {
            return abandon("tlsEstablished() was called without a pending STARTTLS")
        }
        isEncrypted = true
        capabilities = SMTPCapabilities()
        parser = SMTPReplyParser()
        return sendHello(extended: true)
    }

    /// Tells the conversation the connection is gone (closed by the peer, a timeout, a failed TLS handshake,
    /// described by `detail`); returns the outcome. After the message was accepted it stays delivered.
    public mutating func connectionClosed(detail: String? = nil) -> MailOutcome {
        let outcome: MailOutcome
        switch state {
        case .finished(let finalOutcome), .awaitingQuit(let finalOutcome):
            outcome = finalOutcome
        case .awaitingDataEnd:
            // The message may have been delivered; a retry may send it twice, which is better than losing it.
            outcome = .transient(presentable(closedReason("before the server confirmed the message", detail)))
        default:
            outcome = .transient(presentable(closedReason("while waiting for \(awaitedReply)", detail)))
        }
        state = .finished(outcome)
        return outcome
    }

    private func closedReason(_ moment: String, _ detail: String?) -> String {
        let reason = "the connection closed \(moment)"
        guard let detail, !detail.isEmpty else { return reason }
        return "\(reason): \(detail)"
    }

    /// What the session waits for, for reasons: "the reply to MAIL FROM".
    var awaitedReply: String {
        switch state {
        case .awaitingGreeting: "the greeting"
        case .awaitingHello(let extended): extended ? "the reply to EHLO" : "the reply to HELO"
        case .awaitingStartTLS: "the reply to STARTTLS"
        case .upgradingTLS: "the TLS handshake"
        case .awaitingAuthentication: "the reply to AUTH"
        case .awaitingMailFrom: "the reply to MAIL FROM"
        case .awaitingRecipient(let index): "the reply to RCPT TO:<\(recipients[index])>"
        case .awaitingDataStart: "the reply to DATA"
        case .awaitingDataEnd: "the reply to the message"
        case .awaitingQuit: "the reply to QUIT"
        case .finished: "nothing"
        }
    }
}
