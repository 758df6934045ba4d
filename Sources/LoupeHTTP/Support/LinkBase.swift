/// Where absolute links (`upload_url`, `tasks_put_url`, Scale attachment links) point. A request's
/// `Host` header is the caller's to choose, so it is used only when it names this server: a
/// configured public URL wins, else a `Host` that is a loopback name or on the allow-list
/// (`LOUPE_ALLOWED_HOSTS`), else the address the server listens on.
public struct LinkBase: Sendable {
    /// `LOUPE_PUBLIC_URL`, without a trailing slash.
    public var publicURL: String?
    /// Host names (lowercase, without port) whose `Host` header may build links.
    public var allowedHosts: Set<String>
    /// The base used for any other `Host`: `http://<listen host>:<port>`.
    public var fallback: String

    /// A rule; `listenHost`/`listenPort` make the fallback (a wildcard address becomes loopback).
    public init(
        publicURL: String?, allowedHosts: [String] = [], listenHost: String = "127.0.0.1", listenPort: Int = 8080
    ) {
        self.publicURL = publicURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        self.allowedHosts = Set(allowedHosts.map { $0.lowercased() })
        let host =
            switch listenHost {
            case "0.0.0.0", "": "127.0.0.1"
            case "::", "[::]": "[::1]"
            default: listenHost.contains(":") && !listenHost.hasPrefix("[") ? "[\(listenHost)]" : listenHost
            }
        fallback = "http://\(host):\(listenPort)"
    }

    /// The base for a request that came with `scheme` and `authority` (its `Host`).
    public func base(scheme: String?, authority: String?) -> String {
        if let publicURL { return publicURL }
        guard let authority, !authority.isEmpty, Self.isPlainAuthority(authority) else { return fallback }
        let host = Self.hostName(of: authority)
        guard Self.isLoopback(host) || allowedHosts.contains(host) else { return fallback }
        return (scheme ?? "http") + "://" + authority
    }

    /// The host part of `host[:port]` or `[v6][:port]`, lowercased.
    static func hostName(of authority: String) -> String {
        let lower = authority.lowercased()
        if lower.hasPrefix("["), let end = lower.firstIndex(of: "]") {
            return String(lower[lower.startIndex...end])
        }
        return String(lower.split(separator: ":", maxSplits: 1).first ?? "")
    }

    /// Only letters, digits and `.-:[]` (no user info, path or spaces).
    static func isPlainAuthority(_ authority: String) -> Bool {
        authority.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ":")
                || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]")
        }
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host.hasSuffix(".localhost") || host == "[::1]"
            || host.hasPrefix("127.")
                && host.split(separator: ".").count == 4 && host.split(separator: ".").allSatisfy { UInt8($0) != nil }
    }
}
