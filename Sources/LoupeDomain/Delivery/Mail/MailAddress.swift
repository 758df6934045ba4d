/// A mailbox (`local@domain`) that can be used on an SMTP envelope and in a message's headers.
///
/// Only a subset of RFC 5321 is accepted, the one a callback needs: a dot-atom or quoted-string local part, a
/// domain of letter-digit-hyphen labels or an address literal (`[192.0.2.1]`, `[IPv6:2001:db8::1]`), ASCII only
/// (internationalized addresses need SMTPUTF8, which Loupe does not speak).
///
/// ```swift
/// let address = try MailAddress("ops+loupe@example.com")
/// address.domain  // "example.com"
/// ```
public struct MailAddress: Sendable, Hashable, CustomStringConvertible {
    /// The longest local part, in bytes (RFC 5321 §4.5.3.1.1).
    public static let maxLocalPartBytes = 64
    /// The longest domain, in bytes (RFC 5321 §4.5.3.1.2).
    public static let maxDomainBytes = 255
    /// The longest whole address, in bytes: a 256-byte path less its angle brackets (RFC 5321 §4.5.3.1.3).
    public static let maxAddressBytes = 254

    /// The part before the last `@`, as written (a quoted local part keeps its quotes).
    public let localPart: String
    /// The part after the last `@`: a host name or an address literal in brackets.
    public let domain: String

    /// The address as written on the envelope and in headers: `local@domain`.
    public var description: String { "\(localPart)@\(domain)" }

    /// Parses and checks `text`; the error says what is wrong.
    public init(_ text: String) throws(MailAddressError) {
        let bytes = Array(text.utf8)
        try MailAddress.checkCharacters(bytes)
        guard let at = bytes.lastIndex(of: UInt8(ascii: "@")) else {
            throw MailAddressError("must contain '@' between the local part and the domain")
        }
        let local = Array(bytes[..<at])
        let domain = Array(bytes[(at + 1)...])
        guard !local.isEmpty else { throw MailAddressError("has an empty local part before '@'") }
        guard !domain.isEmpty else { throw MailAddressError("has an empty domain after '@'") }
        guard local.count <= MailAddress.maxLocalPartBytes else {
            throw MailAddressError("has a local part longer than \(MailAddress.maxLocalPartBytes) bytes")
        }
        guard domain.count <= MailAddress.maxDomainBytes else {
            throw MailAddressError("has a domain longer than \(MailAddress.maxDomainBytes) bytes")
        }
        guard bytes.count <= MailAddress.maxAddressBytes else {
            throw MailAddressError("is longer than \(MailAddress.maxAddressBytes) bytes")
        }
        try MailAddress.checkLocalPart(local)
        try MailAddress.checkDomain(domain)
        self.localPart = String(decoding: local, as: UTF8.self)
        self.domain = String(decoding: domain, as: UTF8.self)
    }

    /// Refuses what can never appear in an address, wherever it is, so that the reason is clear before the
    /// address is split: control characters, `<`/`>`, spaces outside quotes and non-ASCII.
    private static func checkCharacters(_ bytes: [UInt8]) throws(MailAddressError) {
        guard !bytes.isEmpty else { throw MailAddressError("is empty") }
        var inQuotes = false
        var escaped = false
        for byte in bytes {
            switch byte {
            case 0x0D, 0x0A, 0x00:
                throw MailAddressError("contains a line break or NUL character")
            case 0x80...:
                throw MailAddressError("contains a non-ASCII character (internationalized addresses are not supported)")
            case ..<0x20, 0x7F:
                throw MailAddressError("contains a control character")
            case UInt8(ascii: "<"), UInt8(ascii: ">"):
                throw MailAddressError("contains '<' or '>': give the bare address, without angle brackets")
            case UInt8(ascii: " ") where !inQuotes:
                throw MailAddressError("contains a space outside a quoted local part")
            default:
                break
            }
            if escaped {
                escaped = false
            } else if inQuotes && byte == UInt8(ascii: "\\") {
                escaped = true
            } else if byte == UInt8(ascii: "\"") {
                inQuotes.toggle()
            }
        }
    }
}

/// Why a text is not an acceptable mailbox. `reason` reads after the field's name, as in
/// `callback_url has a local part longer than 64 bytes`.
public struct MailAddressError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, phrased to follow the name of the field that held the address.
    public var reason: String

    /// An error with `reason`.
    public init(_ reason: String) { self.reason = reason }

    public var description: String { "invalid e-mail address: \(reason)" }
}
