public import Crypto
import Foundation
public import LoupeDomain

/// Loupe's own signature on every delivery, in the Standard Webhooks form:
/// `webhook-signature: v1,<base64 HMAC-SHA256(key, "<webhook-id>.<webhook-timestamp>.<body>")>`,
/// one space-separated entry per live secret (old and new both sign while a rotation overlaps).
/// The key is the base64 text after `whsec_`.
public enum StandardWebhookSignature {
    /// The `webhook-signature` header value.
    public static func header(id: String, timestamp: Int64, body: [UInt8], secrets: [String]) -> String {
        secrets.map { "v1," + signature(id: id, timestamp: timestamp, body: body, secret: $0) }.joined(separator: " ")
    }

    /// One signature in base64.
    public static func signature(id: String, timestamp: Int64, body: [UInt8], secret: String) -> String {
        let keyText = secret.hasPrefix("whsec_") ? String(secret.dropFirst(6)) : secret
        let key = SymmetricKey(data: Data(base64Encoded: keyText) ?? Data(keyText.utf8))
        var content = Array("\(id).\(timestamp).".utf8)
        content.append(contentsOf: body)
        return Data(HMAC<SHA256>.authenticationCode(for: content, using: key)).base64EncodedString()
    }

    /// Whether `header` carries a valid signature by any of `secrets` (what a receiver checks).
    public static func verify(header: String, id: String, timestamp: Int64, body: [UInt8], secrets: [String]) -> Bool {
        let offered = Set(
            header.split(separator: " ").compactMap { entry -> String? in
                entry.hasPrefix("v1,") ? String(entry.dropFirst(3)) : nil
            })
        return secrets.contains { offered.contains(signature(id: id, timestamp: timestamp, body: body, secret: $0)) }
    }
}

/// The HMAC-SHA-256 callback auth mode (as the Sama seed names it). Loupe sends
/// `X-wsm-date: <RFC 3339 UTC time, seconds>` and
/// `Authorization: HMAC-SHA256 <key_id>:<base64 signature>`, where the signature is
/// HMAC-SHA-256 with the secret's UTF-8 bytes over the string to sign
/// `"POST\n" + <path and query of the URL> + "\n" + <X-wsm-date> + "\n" + <lowercase hex SHA-256 of the body>`.
public enum HMACCallbackSignature {
    /// The string the signature covers.
    public static func stringToSign(pathAndQuery: String, date: String, body: [UInt8]) -> String {
        let bodyHash = SHA256.hash(data: body).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
        return "POST\n\(pathAndQuery)\n\(date)\n\(bodyHash)"
    }

    /// The `Authorization` header value.
    public static func authorization(keyID: String, secret: String, pathAndQuery: String, date: String, body: [UInt8])
        -> String
    {
        let text = stringToSign(pathAndQuery: pathAndQuery, date: date, body: body)
        let code = HMAC<SHA256>.authenticationCode(for: Array(text.utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return "HMAC-SHA256 \(keyID):" + Data(code).base64EncodedString()
    }
}

/// The URL and headers of one delivery: the target with auth applied, Standard Webhooks headers
/// and the auth mode's own headers.
public struct SignedDelivery: Sendable {
    /// Where to post (with `access_key` added in that mode).
    public var url: String
    /// Header names and values.
    public var headers: [(String, String)]

    /// Builds the request parts for `event` at `now` with the project's `auth` and live `secrets`.
    public init(event: OutboxEvent, auth: CallbackAuth, secrets: [String], now: Timestamp) {
        let body = Array(event.payload.text.utf8)
        let seconds = now.microseconds / 1_000_000
        url = event.targetURL
        headers = [
            ("Content-Type", "application/json"), ("User-Agent", "Loupe-Webhooks/1"), ("webhook-id", event.id),
            ("webhook-timestamp", String(seconds)),
            (
                "webhook-signature",
                StandardWebhookSignature.header(id: event.id, timestamp: seconds, body: body, secrets: secrets)
            ),
            ("X-Loupe-Event", event.kind.rawValue), ("X-Loupe-Attempt", String(event.attempts + 1)),
        ]
        switch auth {
        case .none: break
        case .basic(let username, let password):
            headers.append(("Authorization", "Basic " + Data("\(username):\(password)".utf8).base64EncodedString()))
        case .accessKey(let key):
            let separator = url.contains("?") ? "&" : "?"
            url += separator + "access_key=" + (key.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? key)
        case .token(let token):
            headers.append(("X-Auth-Token", token))
        case .hmac(let keyID, let secret):
            let date = Timestamp(microseconds: seconds * 1_000_000).iso8601Seconds
            headers.append(("X-wsm-date", date))
            headers.append(
                (
                    "Authorization",
                    HMACCallbackSignature.authorization(
                        keyID: keyID, secret: secret, pathAndQuery: Self.pathAndQuery(of: url), date: date, body: body)
                ))
        }
    }

    /// The path and query of an absolute URL (`/` when it has no path).
    public static func pathAndQuery(of url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return "/" }
        let rest = url[schemeEnd.upperBound...]
        guard let slash = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) else { return "/" }
        let tail = String(rest[slash...].prefix { $0 != "#" })
        return tail.hasPrefix("?") ? "/" + tail : tail
    }
}

extension Timestamp {
    /// RFC 3339 in UTC with whole seconds (`2026-12-01T10:00:00Z`).
    public var iso8601Seconds: String {
        let text = Timestamp(microseconds: microseconds - microseconds % 1_000_000).iso8601
        guard let dot = text.firstIndex(of: ".") else { return text }
        return String(text[..<dot]) + "Z"
    }
}
