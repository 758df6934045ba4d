extension MailAddress {
    /// Whether a task's `callback_url` asks for e-mail rather than a webhook: a `mailto:` URL (any letter case), or
    /// a bare `local@domain` with no `scheme://`. Says nothing about validity: parse it with `init(callbackURL:)`.
    ///
    /// `https://user@example.com/hook` is a webhook (it has `://`); `mailto:ops@example.com` and
    /// `ops@example.com` are e-mail destinations.
    public static func isMailDestination(_ callbackURL: String) -> Bool {
        if hasMailtoScheme(callbackURL) { return true }
        return !callbackURL.contains("://") && callbackURL.contains("@")
    }

    /// Parses a callback URL that `isMailDestination` accepted: `mailto:` followed by one percent-encoded
    /// address (RFC 6068, without `?` header fields), or a bare address.
    public init(callbackURL: String) throws(MailAddressError) {
        guard MailAddress.hasMailtoScheme(callbackURL) else {
            try self.init(callbackURL)
            return
        }
        let target = callbackURL.utf8.dropFirst(7)
        guard !target.isEmpty else { throw MailAddressError("is a mailto: URL without an address") }
        if target.contains(UInt8(ascii: "?")) {
            throw MailAddressError("is a mailto: URL with header fields (?…), which are not supported")
        }
        if target.contains(UInt8(ascii: ",")) {
            throw MailAddressError("is a mailto: URL with several addresses; give exactly one")
        }
        try self.init(String(decoding: try MailAddress.percentDecoded(target), as: UTF8.self))
    }

    private static func hasMailtoScheme(_ text: String) -> Bool {
        text.utf8.count >= 7 && text.prefix(7).lowercased() == "mailto:"
    }

    private static func percentDecoded(_ bytes: Substring.UTF8View) throws(MailAddressError) -> [UInt8] {
        var decoded: [UInt8] = []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "%") else {
                decoded.append(byte)
                index = bytes.index(after: index)
                continue
            }
            let high = bytes.index(after: index)
            guard high < bytes.endIndex, bytes.index(after: high) < bytes.endIndex,
                let highValue = hexValue(bytes[high]), let lowValue = hexValue(bytes[bytes.index(after: high)])
            else {
                throw MailAddressError("is a mailto: URL with a '%' not followed by two hexadecimal digits")
            }
            decoded.append(highValue << 4 | lowValue)
            index = bytes.index(high, offsetBy: 2)
        }
        return decoded
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
