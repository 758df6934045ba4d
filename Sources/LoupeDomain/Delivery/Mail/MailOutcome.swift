/// How an attempt to hand a message to the relay ended, sorted for an outbox's retry policy.
public enum MailOutcome: Sendable, Equatable, CustomStringConvertible {
    /// The relay accepted the message for at least one recipient (see `SMTPConversation.refusedRecipients`).
    case delivered
    /// Try again later: a 4xx reply, a 421 greeting, a connection that closed or misbehaved.
    case transient(String)
    /// Give up: a 5xx reply, TLS required but not offered, credentials refused, a message over the size limit.
    case permanent(String)

    /// The reason, nil when delivered.
    public var reason: String? {
        switch self {
        case .delivered: nil
        case .transient(let reason), .permanent(let reason): reason
        }
    }

    public var description: String {
        switch self {
        case .delivered: "delivered"
        case .transient(let reason): "transient failure: \(reason)"
        case .permanent(let reason): "permanent failure: \(reason)"
        }
    }
}

/// When the conversation upgrades a plain connection with `STARTTLS` (RFC 3207). A connection that is already
/// encrypted (implicit TLS, port 465) never upgrades, whatever the policy.
public enum SMTPTLSPolicy: String, Sendable, CaseIterable {
    /// Upgrade, and give up (permanently) when the server does not offer `STARTTLS`.
    case required
    /// Upgrade when the server offers `STARTTLS`; otherwise go on in clear, but never with credentials.
    case opportunistic
    /// Never upgrade; credentials, if any, are sent in clear: the operator's choice, for a relay on a trusted link.
    case none
}

/// A user name and password for `AUTH PLAIN` or `AUTH LOGIN` (RFC 4954). The password is never shown in
/// descriptions or reasons.
public struct SMTPCredentials: Sendable, Equatable, CustomStringConvertible, CustomReflectable {
    /// The longest accepted user name or password, in bytes.
    public static let maxBytes = 512

    /// The user name.
    public let username: String
    /// The password.
    public let password: String

    /// Credentials; throws when either is empty, too long or holds a NUL (which `AUTH PLAIN` uses as separator).
    public init(username: String, password: String) throws(SMTPConfigurationError) {
        for (name, value) in [("username", username), ("password", password)] {
            guard !value.isEmpty, value.utf8.count <= SMTPCredentials.maxBytes else {
                throw SMTPConfigurationError("\(name) must be 1 to \(SMTPCredentials.maxBytes) bytes")
            }
            guard !value.utf8.contains(0) else { throw SMTPConfigurationError("\(name) must not contain NUL") }
        }
        self.username = username
        self.password = password
    }

    public var description: String { "SMTPCredentials(username: \(username.debugDescription), password: ***)" }

    /// Hides the password from `dump` and debuggers too.
    public var customMirror: Mirror { Mirror(self, children: ["username": username, "password": "***"]) }
}

/// Why a conversation cannot be configured as asked.
public struct SMTPConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, naming the setting.
    public var reason: String

    /// An error with `reason`.
    public init(_ reason: String) { self.reason = reason }

    public var description: String { "invalid SMTP settings: \(reason)" }
}

/// A recipient the server refused with `RCPT TO` while accepting others.
public struct SMTPRecipientRefusal: Sendable, Equatable {
    /// The refused address.
    public let recipient: MailAddress
    /// The server's reply.
    public let reply: SMTPReply

    /// A refusal.
    public init(recipient: MailAddress, reply: SMTPReply) {
        self.recipient = recipient
        self.reply = reply
    }
}
