/// Reads server replies from bytes fed in chunks of any size, one reply per complete final line
/// (`250-first`, `250-second`, `250 last`). Memory stays bounded: a line longer than `maxLineBytes` or a reply of
/// more than `maxLinesPerReply` lines is an error, so a hostile server cannot make the client grow without limit.
///
/// Lines end with CRLF; a bare LF is accepted too, since some servers send it and nothing is ambiguous about it
/// in a reply. After an error the parser keeps throwing it: the connection should be dropped.
public struct SMTPReplyParser: Sendable {
    /// The default longest line, CR included: four times RFC 5321's 512 bytes, for servers that write more.
    public static let defaultMaxLineBytes = 2_048
    /// The default most lines in one reply: an `EHLO` reply has a dozen.
    public static let defaultMaxLinesPerReply = 100

    /// The longest line accepted, in bytes without its LF.
    public let maxLineBytes: Int
    /// The most lines accepted in one reply.
    public let maxLinesPerReply: Int

    private var line: [UInt8] = []
    private var pendingCode: Int?
    private var pendingLines: [String] = []
    private var failure: SMTPReplyError?

    /// A parser with the given limits.
    public init(
        maxLineBytes: Int = SMTPReplyParser.defaultMaxLineBytes,
        maxLinesPerReply: Int = SMTPReplyParser.defaultMaxLinesPerReply
    ) {
        self.maxLineBytes = maxLineBytes
        self.maxLinesPerReply = maxLinesPerReply
    }

    /// Whether bytes of an unfinished reply are held: part of a line, or lines of a multi-line reply.
    public var hasBufferedBytes: Bool { !line.isEmpty || pendingCode != nil }

    /// Feeds the next chunk; returns the replies completed by it, in order.
    public mutating func feed(_ bytes: some Sequence<UInt8>) throws(SMTPReplyError) -> [SMTPReply] {
        if let failure { throw failure }
        var replies: [SMTPReply] = []
        do throws(SMTPReplyError) {
            for byte in bytes {
                if byte == 0x0A {
                    if let reply = try endLine() { replies.append(reply) }
                } else if line.count == maxLineBytes {
                    throw SMTPReplyError("a reply line is longer than \(maxLineBytes) bytes")
                } else {
                    line.append(byte)
                }
            }
        } catch {
            failure = error
            throw error
        }
        return replies
    }

    /// Parses the line just ended; returns the reply when it was the last line of one.
    private mutating func endLine() throws(SMTPReplyError) -> SMTPReply? {
        if line.last == 0x0D { line.removeLast() }
        defer { line.removeAll(keepingCapacity: true) }
        guard let code = SMTPReplyParser.code(of: line) else {
            throw SMTPReplyError("malformed reply line \(SMTPReplyParser.excerpt(line))")
        }
        let separator = line.count > 3 ? line[3] : UInt8(ascii: " ")
        guard separator == UInt8(ascii: " ") || separator == UInt8(ascii: "-") else {
            throw SMTPReplyError("malformed reply line \(SMTPReplyParser.excerpt(line))")
        }
        if let pendingCode, pendingCode != code {
            throw SMTPReplyError("a multi-line reply changed its code from \(pendingCode) to \(code)")
        }
        guard pendingLines.count < maxLinesPerReply else {
            throw SMTPReplyError("a reply has more than \(maxLinesPerReply) lines")
        }
        pendingLines.append(String(decoding: line.dropFirst(4), as: UTF8.self))
        if separator == UInt8(ascii: "-") {
            pendingCode = code
            return nil
        }
        let reply = SMTPReply(code: code, lines: pendingLines)
        pendingCode = nil
        pendingLines = []
        return reply
    }

    /// The reply code a line starts with: three digits, the first 2 to 5, the second 0 to 5 (RFC 5321 §4.2).
    private static func code(of line: [UInt8]) -> Int? {
        guard line.count >= 3 else { return nil }
        let digits = line[0..<3].map { Int($0) - Int(UInt8(ascii: "0")) }
        guard (2...5).contains(digits[0]), (0...5).contains(digits[1]), (0...9).contains(digits[2]) else {
            return nil
        }
        return digits[0] * 100 + digits[1] * 10 + digits[2]
    }

    /// The start of a bad line, printable, for an error message.
    private static func excerpt(_ line: [UInt8]) -> String {
        let shown = line.prefix(40).map { (0x20...0x7E).contains($0) ? Character(Unicode.Scalar($0)) : "?" }
        return "\"\(String(shown))\(line.count > 40 ? "…" : "")\""
    }
}

/// Why the bytes from a server are not a valid reply.
public struct SMTPReplyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong.
    public var reason: String

    /// An error with `reason`.
    public init(_ reason: String) { self.reason = reason }

    public var description: String { "invalid SMTP reply: \(reason)" }
}
