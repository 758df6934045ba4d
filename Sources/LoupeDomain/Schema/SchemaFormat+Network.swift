import Foundation

extension SchemaFormat {
    /// An absolute URI: a scheme (letter, then letters, digits, + - .), a colon, something after it, no spaces.
    static func isURI(_ string: String) -> Bool {
        guard let colon = string.firstIndex(of: ":"), colon != string.startIndex else { return false }
        let scheme = string[..<colon]
        guard let first = scheme.unicodeScalars.first, first.properties.isAlphabetic, first.isASCII,
            scheme.unicodeScalars.allSatisfy({
                $0.isASCII
                    && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "+-.".unicodeScalars.contains($0))
            })
        else { return false }
        let rest = string[string.index(after: colon)...]
        return !rest.isEmpty && !string.contains(where: { $0 == " " || $0.isNewline })
    }

    /// A URI reference (absolute or relative): printable ASCII URI characters and well-formed percent escapes.
    static func isURIReference(_ string: String) -> Bool {
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=".utf8)
        let bytes = Array(string.utf8)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%") {
                guard index + 2 < bytes.count, isHex(bytes[index + 1]), isHex(bytes[index + 2]) else { return false }
                index += 3
            } else {
                guard allowed.contains(bytes[index]) else { return false }
                index += 1
            }
        }
        return string.filter { $0 == "#" }.count <= 1
    }

    private static func isHex(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
    }

    /// Dot-separated labels of 1–63 letters, digits and hyphens (not at either end), 253 characters at most.
    static func isHostname(_ text: Substring) -> Bool {
        guard !text.isEmpty, text.utf8.count <= 253 else { return false }
        return text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            guard !label.isEmpty, label.utf8.count <= 63, label.first != "-", label.last != "-" else { return false }
            return label.unicodeScalars.allSatisfy {
                $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-")
            }
        }
    }

    /// Four decimal octets 0–255 without leading zeros.
    static func isIPv4(_ text: Substring) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4
            && parts.allSatisfy { part in
                guard (1...3).contains(part.utf8.count), part.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
                    part.utf8.count == 1 || part.first != "0", let value = Int(part)
                else { return false }
                return value <= 255
            }
    }

    /// Eight groups of 1–4 hex digits, at most one `::` standing for one or more zero groups,
    /// optionally ending in an IPv4 address that counts as two groups.
    static func isIPv6(_ text: String) -> Bool {
        guard text.utf8.count <= 45, text.unicodeScalars.allSatisfy({ $0.isASCII }) else { return false }
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return false }
        func groups(_ part: String, last: Bool) -> Int? {
            guard !part.isEmpty else { return 0 }
            var count = 0
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            for (offset, piece) in pieces.enumerated() {
                if last && offset == pieces.count - 1 && piece.contains(".") {
                    guard isIPv4(piece) else { return nil }
                    count += 2
                } else {
                    guard (1...4).contains(piece.utf8.count), piece.utf8.allSatisfy(isHex) else { return nil }
                    count += 1
                }
            }
            return count
        }
        if halves.count == 2 {
            guard let head = groups(halves[0], last: false), let tail = groups(halves[1], last: true) else {
                return false
            }
            return head + tail <= 7
        }
        return groups(text, last: true) == 8
    }

    /// local@domain: a dot-atom local part and a hostname or bracketed IP literal.
    static func isEmail(_ text: String) -> Bool {
        guard let at = text.lastIndex(of: "@") else { return false }
        let local = text[..<at]
        let domain = text[text.index(after: at)...]
        let atomCharacters = Set(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$%&'*+-/=?^_`{|}~".utf8)
        guard !local.isEmpty, local.utf8.count <= 64,
            local.split(separator: ".", omittingEmptySubsequences: false).allSatisfy({
                !$0.isEmpty && $0.utf8.allSatisfy(atomCharacters.contains)
            })
        else { return false }
        if domain.hasPrefix("[") && domain.hasSuffix("]") {
            let literal = domain.dropFirst().dropLast()
            if literal.hasPrefix("IPv6:") { return isIPv6(String(literal.dropFirst(5))) }
            return isIPv4(literal)
        }
        return isHostname(domain)
    }

    /// 8-4-4-4-12 hex digits.
    static func isUUID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 36 else { return false }
        for (offset, byte) in bytes.enumerated() {
            if [8, 13, 18, 23].contains(offset) {
                guard byte == UInt8(ascii: "-") else { return false }
            } else if !isHex(byte) {
                return false
            }
        }
        return true
    }

    /// Empty, or "/"-prefixed tokens in which "~" is only followed by 0 or 1.
    static func isJSONPointer(_ text: String) -> Bool {
        guard !text.isEmpty else { return true }
        guard text.hasPrefix("/") else { return false }
        let bytes = Array(text.utf8)
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "~") {
            guard offset + 1 < bytes.count,
                bytes[offset + 1] == UInt8(ascii: "0") || bytes[offset + 1] == UInt8(ascii: "1")
            else { return false }
        }
        return true
    }
}
