extension MailAddress {
    /// Checks a dot-atom (`first.last+tag`) or quoted-string (`"odd local"`) local part.
    static func checkLocalPart(_ local: [UInt8]) throws(MailAddressError) {
        if local.first == UInt8(ascii: "\"") {
            try checkQuotedLocalPart(local)
            return
        }
        for byte in local where !isAtomText(byte) && byte != UInt8(ascii: ".") {
            throw MailAddressError("has the character \(shown(byte)) in its local part, allowed only inside quotes")
        }
        if !isDotAtom(local) {
            throw MailAddressError("has a local part that starts or ends with '.' or has two dots in a row")
        }
    }

    private static func checkQuotedLocalPart(_ local: [UInt8]) throws(MailAddressError) {
        var index = 1
        var closed = false
        while index < local.count {
            let byte = local[index]
            if closed { throw MailAddressError("has characters after the closing quote of its local part") }
            switch byte {
            case UInt8(ascii: "\\"):
                guard index + 1 < local.count, (0x20...0x7E).contains(local[index + 1]) else {
                    throw MailAddressError("has a '\\' at the end of its quoted local part")
                }
                index += 1
            case UInt8(ascii: "\""):
                closed = true
            case 0x20...0x7E:
                break
            default:
                throw MailAddressError("has a control character in its quoted local part")
            }
            index += 1
        }
        if !closed { throw MailAddressError("has a quoted local part without its closing quote") }
    }

    /// Checks a domain: letter-digit-hyphen labels, or an address literal in brackets.
    static func checkDomain(_ domain: [UInt8]) throws(MailAddressError) {
        if let problem = domainProblem(domain) { throw MailAddressError(problem) }
    }

    /// What is wrong with `domain` as a host name or address literal, phrased to follow a field's name;
    /// nil when it is fine. Shared with the EHLO name and the Message-ID.
    static func domainProblem(_ domain: [UInt8]) -> String? {
        guard !domain.isEmpty else { return "has an empty domain" }
        guard domain.count <= maxDomainBytes else { return "has a domain longer than \(maxDomainBytes) bytes" }
        if domain.first == UInt8(ascii: "[") {
            guard domain.last == UInt8(ascii: "]"), domain.count > 2,
                isAddressLiteral(String(decoding: domain.dropFirst().dropLast(), as: UTF8.self))
            else {
                return "has an address literal that is not [IPv4] or [IPv6:address], as in [192.0.2.1]"
            }
            return nil
        }
        let labels = domain.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        for label in labels {
            guard !label.isEmpty else { return "has a domain with an empty label (a dot at an end or two in a row)" }
            guard label.count <= 63 else { return "has a domain label longer than 63 bytes" }
            for byte in label where !isLetterOrDigit(byte) && byte != UInt8(ascii: "-") {
                return "has the character \(shown(byte)) in its domain, which allows only letters, digits, '-' and '.'"
            }
            if label.first == UInt8(ascii: "-") || label.last == UInt8(ascii: "-") {
                return "has a domain label that starts or ends with '-'"
            }
        }
        if let top = labels.last, top.allSatisfy({ (0x30...0x39).contains($0) }) {
            return "has a numeric domain: write an IP address as an address literal, as in [192.0.2.1]"
        }
        return nil
    }

    /// Whether `byte` is RFC 5322 `atext`: a letter, a digit or one of ``!#$%&'*+-/=?^_`{|}~``.
    static func isAtomText(_ byte: UInt8) -> Bool {
        if isLetterOrDigit(byte) { return true }
        return Array("!#$%&'*+-/=?^_`{|}~".utf8).contains(byte)
    }

    /// Whether `bytes` is `atext` runs joined by single dots (RFC 5322 `dot-atom-text`).
    static func isDotAtom(_ bytes: some BidirectionalCollection<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return false }
        guard first != UInt8(ascii: "."), last != UInt8(ascii: ".") else { return false }
        var previousWasDot = false
        for byte in bytes {
            let isDot = byte == UInt8(ascii: ".")
            if isDot ? previousWasDot : !isAtomText(byte) { return false }
            previousWasDot = isDot
        }
        return true
    }

    private static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    /// The inside of `[…]`: a dotted IPv4 address, or `IPv6:` and an IPv6 address.
    private static func isAddressLiteral(_ text: String) -> Bool {
        if text.utf8.count > 5, text.prefix(5).lowercased() == "ipv6:" {
            return isIPv6(Substring(text.dropFirst(5)))
        }
        return isIPv4(Substring(text))
    }

    private static func isIPv4(_ text: Substring) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        return parts.allSatisfy { part in
            // Leading zeros are refused: some readers take them as octal.
            guard (1...3).contains(part.utf8.count), part.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
                part == "0" || part.first != "0", let value = Int(part)
            else { return false }
            return value <= 255
        }
    }

    private static func isIPv6(_ text: Substring) -> Bool {
        var groups = text.split(separator: ":", omittingEmptySubsequences: false)
        var groupsNeeded = 8
        if let last = groups.last, last.contains(".") {
            guard isIPv4(last) else { return false }
            groups.removeLast()
            groups.append("0")  // the IPv4 tail takes two groups: count it as one here and need one fewer
            groupsNeeded = 7
        }
        let compressions = text.ranges(of: "::").count
        guard compressions <= 1, !text.contains(":::") else { return false }
        if compressions == 1 {
            // "::" splits into empty pieces; only those next to it may be empty.
            let pieces = groups.filter { !$0.isEmpty }
            guard pieces.count < groupsNeeded else { return false }
            return pieces.allSatisfy(isHexGroup) && (text.hasPrefix("::") || !text.hasPrefix(":"))
                && (text.hasSuffix("::") || !text.hasSuffix(":"))
        }
        return groups.count == groupsNeeded && groups.allSatisfy(isHexGroup)
    }

    private static func isHexGroup(_ group: Substring) -> Bool {
        (1...4).contains(group.utf8.count)
            && group.utf8.allSatisfy {
                (0x30...0x39).contains($0) || (0x41...0x46).contains($0) || (0x61...0x66).contains($0)
            }
    }

    /// A byte as shown in a reason: `','` for printable ASCII, `byte 0x80` otherwise.
    private static func shown(_ byte: UInt8) -> String {
        (0x21...0x7E).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
    }
}
