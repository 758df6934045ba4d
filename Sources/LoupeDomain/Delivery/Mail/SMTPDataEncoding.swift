/// The bytes sent after `DATA` is answered with 354 (RFC 5321 §4.5.2): the message with every line that starts
/// with `.` given one more `.` (dot-stuffing), and the terminating `<CRLF>.<CRLF>`.
public enum SMTPDataEncoding {
    /// `message` dot-stuffed and terminated. A CR or LF that is not part of a CRLF pair becomes CRLF, so that no
    /// bare line ending can be read as the end of the data (the "SMTP smuggling" ambiguity); a message that does
    /// not end with CRLF gets one before the final `.`.
    public static func encode(_ message: some Sequence<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(message.underestimatedCount + message.underestimatedCount / 64 + 5)
        var atLineStart = true
        var pendingCR = false
        func endLine() {
            output.append(contentsOf: [0x0D, 0x0A])
            atLineStart = true
        }
        for byte in message {
            if pendingCR {
                pendingCR = false
                endLine()
                if byte == 0x0A { continue }
            }
            switch byte {
            case 0x0D:
                pendingCR = true
            case 0x0A:
                endLine()
            default:
                if atLineStart && byte == UInt8(ascii: ".") { output.append(UInt8(ascii: ".")) }
                atLineStart = false
                output.append(byte)
            }
        }
        if pendingCR || !atLineStart { endLine() }
        output.append(contentsOf: [UInt8(ascii: "."), 0x0D, 0x0A])
        return output
    }
}
