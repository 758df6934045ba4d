import Foundation
import LoupeDelivery
import LoupeDomain

extension AppConfiguration {
    /// Reads the SMTP relay for e-mail callbacks from `LOUPE_SMTP_*`; none without `LOUPE_SMTP_HOST`.
    /// A setting that cannot be used is kept in `mailRelayProblem` so the server refuses to start
    /// instead of failing every e-mail later.
    mutating func readMailRelay(_ value: (String) -> String?) {
        guard let host = value("LOUPE_SMTP_HOST") else { return }
        let mode = value("LOUPE_SMTP_TLS")?.lowercased()
        let policies: [String: (SMTPTLSPolicy, Bool)] = [
            "starttls": (.required, false), "opportunistic": (.opportunistic, false), "none": (.none, false),
            "tls": (.none, true),
        ]
        let port = value("LOUPE_SMTP_PORT").flatMap(Int.init)
        if let text = value("LOUPE_SMTP_PORT"), port.map({ !(1...65_535).contains($0) }) ?? true {
            mailRelayProblem = "LOUPE_SMTP_PORT must be a port number, got \(text)"
            return
        }
        // Port 465 speaks TLS from the first byte unless a mode says otherwise.
        guard
            let (policy, implicitTLS) = mode.map({ policies[$0] }) ?? (port == 465 ? (.none, true) : (.required, false))
        else {
            mailRelayProblem = "LOUPE_SMTP_TLS must be one of: starttls, opportunistic, none, tls"
            return
        }
        let fromText = value("LOUPE_SMTP_FROM") ?? "loupe@" + (publicBaseURLHost ?? "localhost")
        do {
            let from = try MailAddress(fromText)
            var credentials: SMTPCredentials?
            if let username = value("LOUPE_SMTP_USERNAME") {
                credentials = try SMTPCredentials(username: username, password: value("LOUPE_SMTP_PASSWORD") ?? "")
            }
            var relay = MailRelay(
                host: host, port: port ?? (implicitTLS ? 465 : 587), tlsPolicy: policy, implicitTLS: implicitTLS,
                credentials: credentials, from: from, trustedCertificatesFile: value("LOUPE_SMTP_CA_FILE"))
            if let seconds = value("LOUPE_SMTP_TIMEOUT").flatMap(Double.init), seconds > 0 {
                relay.timeoutSeconds = seconds
            }
            mailRelay = relay
        } catch let error as MailAddressError {
            mailRelayProblem = "LOUPE_SMTP_FROM \(error.reason)"
        } catch {
            mailRelayProblem = "LOUPE_SMTP_USERNAME/LOUPE_SMTP_PASSWORD: \(error)"
        }
    }

    /// The host of `LOUPE_PUBLIC_URL`, for the default sender's domain.
    private var publicBaseURLHost: String? {
        guard let url = publicBaseURL, let start = url.range(of: "://")?.upperBound else { return nil }
        let host = url[start...].prefix { $0 != "/" && $0 != ":" && $0 != "?" }
        return host.isEmpty ? nil : String(host)
    }
}
