public import Foundation

/// One e-mail, ready to be rendered as RFC 5322 text: single-part MIME, the body base64-encoded so that any
/// bytes (JSON with long lines, any UTF-8) travel over any relay.
///
/// ```swift
/// let message = try MailMessage(
///     from: MailAddress("loupe@example.com"), to: [MailAddress("ops@example.com")], subject: "task.completed",
///     date: now, messageID: "6650f2c1a9e4b3d2c1f0e9d8", messageIDDomain: "loupe.example.com",
///     contentType: .json, body: Array(payload.utf8))
/// let data = SMTPDataEncoding.encode(message.renderedBytes())
/// ```
public struct MailMessage: Sendable, Equatable {
    /// The `From:` mailbox.
    public let from: MailAddress
    /// The `To:` mailboxes, at least one.
    public let to: [MailAddress]
    /// The subject as given; rendered with control characters turned into spaces, as an RFC 2047 encoded-word
    /// when it is not plain ASCII, folded when long.
    public let subject: String
    /// The `Date:`, rendered in UTC.
    public let date: Date
    /// The left part of `Message-ID: <id@domain>`: a dot-atom such as an event id.
    public let messageID: String
    /// The right part of `Message-ID: <id@domain>`: a host name Loupe owns.
    public let messageIDDomain: String
    /// The body's media type.
    public let contentType: MailContentType
    /// The body's bytes, before base64.
    public let body: [UInt8]
    /// Further headers, written after the ones Loupe sets.
    public let extraHeaders: [MailHeader]

    /// A message; throws when the Message-ID parts are not usable or there is no recipient.
    public init(
        from: MailAddress, to: [MailAddress], subject: String, date: Date, messageID: String,
        messageIDDomain: String, contentType: MailContentType, body: [UInt8], extraHeaders: [MailHeader] = []
    ) throws(MailMessageError) {
        guard !to.isEmpty else { throw MailMessageError("to must name at least one recipient") }
        guard messageID.utf8.count <= 128, MailAddress.isDotAtom(messageID.utf8) else {
            throw MailMessageError(
                "messageID must be 1 to 128 letters, digits or !#$%&'*+-/=?^_`{|}~, with single dots between them")
        }
        if let problem = MailAddress.domainProblem(Array(messageIDDomain.utf8)) {
            throw MailMessageError("messageIDDomain \(problem)")
        }
        self.from = from
        self.to = to
        self.subject = subject
        self.date = date
        self.messageID = messageID
        self.messageIDDomain = messageIDDomain
        self.contentType = contentType
        self.body = body
        self.extraHeaders = extraHeaders
    }
}

/// The media type of a message's body, always UTF-8 text.
public enum MailContentType: String, Sendable, Equatable, CaseIterable {
    /// `application/json; charset=utf-8`: the callback's JSON payload as is.
    case json = "application/json; charset=utf-8"
    /// `text/plain; charset=utf-8`: a human-readable summary.
    case plainText = "text/plain; charset=utf-8"
}

/// A further header line of a message, checked so that it cannot break the message's structure.
public struct MailHeader: Sendable, Equatable {
    /// The names Loupe writes itself; a further header cannot replace them.
    public static let reservedNames: Set<String> = [
        "from", "to", "subject", "date", "message-id", "mime-version", "content-type", "content-transfer-encoding",
    ]
    /// The longest accepted name, in bytes.
    public static let maxNameBytes = 76
    /// The longest accepted value, in bytes, so that a header line stays far below SMTP's 1,000-byte limit.
    public static let maxValueBytes = 900

    /// The header's name, such as `X-Loupe-Event`.
    public let name: String
    /// The header's value: printable ASCII, spaces and tabs; long values are folded at spaces when rendered.
    public let value: String

    /// A header; throws when the name is not printable ASCII without `:` or the value holds a line break,
    /// a control character or non-ASCII text.
    public init(name: String, value: String) throws(MailMessageError) {
        guard !name.isEmpty, name.utf8.count <= MailHeader.maxNameBytes else {
            throw MailMessageError("header name must be 1 to \(MailHeader.maxNameBytes) characters")
        }
        guard name.utf8.allSatisfy({ (0x21...0x7E).contains($0) && $0 != UInt8(ascii: ":") }) else {
            throw MailMessageError("header name \(name.debugDescription) must be printable ASCII without ':'")
        }
        guard !MailHeader.reservedNames.contains(name.lowercased()) else {
            throw MailMessageError("header \(name) is written by Loupe and cannot be given")
        }
        guard value.utf8.count <= MailHeader.maxValueBytes else {
            throw MailMessageError("header \(name) has a value longer than \(MailHeader.maxValueBytes) bytes")
        }
        for byte in value.utf8 {
            if byte == 0x0D || byte == 0x0A {
                throw MailMessageError("header \(name) has a line break in its value")
            }
            guard (0x20...0x7E).contains(byte) || byte == 0x09 else {
                throw MailMessageError("header \(name) must have a printable ASCII value")
            }
        }
        self.name = name
        self.value = value
    }
}

/// Why a message or one of its headers cannot be built.
public struct MailMessageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, naming the part of the message.
    public var reason: String

    /// An error with `reason`.
    public init(_ reason: String) { self.reason = reason }

    public var description: String { "invalid e-mail message: \(reason)" }
}
