/// Standard base64 (RFC 4648, with padding) for bodies, encoded-words and SASL, without Foundation so that the
/// output does not depend on the platform.
enum MailBase64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// The base64 text of `bytes`, on one line.
    static func encode(_ bytes: some Collection<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        var iterator = bytes.makeIterator()
        while let first = iterator.next() {
            let second = iterator.next()
            let third = iterator.next()
            let group = UInt32(first) << 16 | UInt32(second ?? 0) << 8 | UInt32(third ?? 0)
            output.append(alphabet[Int(group >> 18 & 0x3F)])
            output.append(alphabet[Int(group >> 12 & 0x3F)])
            output.append(second == nil ? UInt8(ascii: "=") : alphabet[Int(group >> 6 & 0x3F)])
            output.append(third == nil ? UInt8(ascii: "=") : alphabet[Int(group & 0x3F)])
        }
        return output
    }

    /// The base64 text of `bytes` as a string, on one line.
    static func encodedString(_ bytes: some Collection<UInt8>) -> String {
        String(decoding: encode(bytes), as: UTF8.self)
    }

    /// The base64 text of `bytes` in lines of at most `lineLength` characters, each ended by CRLF
    /// (a MIME body, RFC 2045 §6.8); nothing for no bytes.
    static func encodeLines(_ bytes: some Collection<UInt8>, lineLength: Int = 76) -> [UInt8] {
        let text = encode(bytes)
        var output: [UInt8] = []
        output.reserveCapacity(text.count + (text.count / lineLength + 1) * 2)
        var start = 0
        while start < text.count {
            let end = min(start + lineLength, text.count)
            output.append(contentsOf: text[start..<end])
            output.append(contentsOf: [0x0D, 0x0A])
            start = end
        }
        return output
    }
}
