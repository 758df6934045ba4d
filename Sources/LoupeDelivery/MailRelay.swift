public import LoupeDomain

/// The SMTP relay e-mail callbacks go through (`LOUPE_SMTP_*`): Loupe hands each message to it
/// and the relay delivers it, as every self-hosted product does.
public struct MailRelay: Sendable {
    /// The relay's host name or address.
    public var host: String
    /// Its port: 587 (submission with STARTTLS) unless set; 465 is implicit TLS.
    public var port: Int
    /// Whether and how the connection is upgraded with STARTTLS.
    public var tlsPolicy: SMTPTLSPolicy
    /// TLS from the first byte (port 465 style) instead of STARTTLS.
    public var implicitTLS: Bool
    /// The relay's user name and password, if it asks for them.
    public var credentials: SMTPCredentials?
    /// The sender of callbacks (`From:` and the envelope).
    public var from: MailAddress
    /// A PEM file of certificate authorities to trust instead of the system's (a private relay).
    public var trustedCertificatesFile: String?
    /// Seconds one message may take from connecting to the relay's last reply.
    public var timeoutSeconds: Double

    /// A relay at `host`.
    public init(
        host: String, port: Int = 587, tlsPolicy: SMTPTLSPolicy = .required, implicitTLS: Bool = false,
        credentials: SMTPCredentials? = nil, from: MailAddress, trustedCertificatesFile: String? = nil,
        timeoutSeconds: Double = 60
    ) {
        self.host = host
        self.port = port
        self.tlsPolicy = tlsPolicy
        self.implicitTLS = implicitTLS
        self.credentials = credentials
        self.from = from
        self.trustedCertificatesFile = trustedCertificatesFile
        self.timeoutSeconds = timeoutSeconds
    }

    /// The name Loupe gives itself in `EHLO` and Message-IDs: the sender's domain.
    var ownName: String { from.domain }
}
