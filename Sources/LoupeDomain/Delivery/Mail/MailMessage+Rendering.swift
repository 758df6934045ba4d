import Foundation

extension MailMessage {
    /// The line length header folding aims at (RFC 5322 §2.1.1 "SHOULD"); a single long word may exceed it.
    static let foldingLineLength = 78
    /// The most UTF-8 bytes in one encoded-word: 56 base64 characters, so that `Subject: ` and the
    /// 68-character word fit in 78 columns.
    static let encodedWordBytes = 42

    /// The message as RFC 5322 text with CRLF line ends: headers, an empty line, the body in base64 lines of
    /// 76 characters. Give it to `SMTPDataEncoding.encode` before sending it after `DATA`.
    public func renderedBytes() -> [UInt8] {
        var text = MailMessage.headerLine("From", from.description)
        text += MailMessage.headerLine("To", to.map(\.description).joined(separator: ", "))
        text += MailMessage.subjectLine(subject)
        text += MailMessage.headerLine("Date", MailMessage.rfc5322Date(date))
        text += MailMessage.headerLine("Message-ID", "<\(messageID)@\(messageIDDomain)>")
        text += "MIME-Version: 1.0\r\n"
        text += MailMessage.headerLine("Content-Type", contentType.rawValue)
        text += "Content-Transfer-Encoding: base64\r\n"
        for header in extraHeaders { text += MailMessage.headerLine(header.name, header.value) }
        text += "\r\n"
        return Array(text.utf8) + MailBase64.encodeLines(body)
    }

    /// `Name: value` and CRLF, folded before spaces so that lines stay within 78 columns where the words allow.
    static func headerLine(_ name: String, _ value: String) -> String {
        let words = value.split(separator: " ", omittingEmptySubsequences: false)
        var output = ""
        var line = "\(name): \(words.first ?? "")"
        for word in words.dropFirst() {
            // Breaking before an empty word would leave a line of only white space, which RFC 5322 forbids.
            if !word.isEmpty && line.utf8.count + 1 + word.utf8.count > foldingLineLength {
                output += line + "\r\n"
                line = " " + word
            } else {
                line += " " + word
            }
        }
        return output + line + "\r\n"
    }

    /// The `Subject:` line: control characters become spaces; the text is written as is when it is ASCII, and
    /// as RFC 2047 encoded-words (`=?UTF-8?B?…?=`, one per folded line) when it is not, when it holds `=?`
    /// (which readers would try to decode) or when a word is too long to fold.
    static func subjectLine(_ subject: String) -> String {
        var cleaned = String.UnicodeScalarView()
        for scalar in subject.unicodeScalars {
            let isControl = scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
            cleaned.append(isControl ? " " : scalar)
        }
        let text = String(cleaned).trimmingCharacters(in: .whitespaces)
        if text.isEmpty { return "Subject:\r\n" }
        // 998 bytes is the hard line limit (RFC 5322 §2.1.1); `Subject: ` takes 9 of them.
        let needsEncoding =
            !text.utf8.allSatisfy { $0 < 0x80 } || text.contains("=?")
            || text.split(separator: " ").contains { $0.utf8.count > 998 - 10 }
        guard needsEncoding else { return headerLine("Subject", text) }
        return "Subject: " + encodedWords(text).joined(separator: "\r\n ") + "\r\n"
    }

    /// `text` as UTF-8 base64 encoded-words that each hold whole characters (RFC 2047 §5).
    static func encodedWords(_ text: String) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        func add(_ bytes: [UInt8]) {
            if chunk.count + bytes.count > encodedWordBytes {
                words.append("=?UTF-8?B?\(MailBase64.encodedString(chunk))?=")
                chunk.removeAll(keepingCapacity: true)
            }
            chunk += bytes
        }
        for character in text {
            let bytes = Array(character.utf8)
            if bytes.count <= encodedWordBytes {
                add(bytes)
            } else {
                // A grapheme too long for one word (a long combining sequence) is split between its scalars.
                for scalar in character.unicodeScalars { add(Array(String(scalar).utf8)) }
            }
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?\(MailBase64.encodedString(chunk))?=") }
        return words
    }

    /// `Thu, 01 Jan 2026 00:00:00 +0000` (RFC 5322 §3.3) in UTC, whole seconds, years clamped to 1970...9999.
    static func rfc5322Date(_ date: Date) -> String {
        let lastSecond: Double = 253_402_300_799  // 9999-12-31T23:59:59Z
        let interval = date.timeIntervalSince1970
        let seconds = interval.isFinite ? Int64(min(max(interval, 0), lastSecond).rounded(.down)) : 0
        let days = seconds / 86_400
        let secondOfDay = seconds % 86_400
        let (year, month, day) = CivilCalendar.civil(fromDays: days)
        let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]  // 1970-01-01 was a Thursday
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func twoDigits(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let time = [secondOfDay / 3_600, secondOfDay / 60 % 60, secondOfDay % 60].map(twoDigits).joined(separator: ":")
        return "\(weekdays[Int(days % 7)]), \(twoDigits(day)) \(months[Int(month - 1)]) \(year) \(time) +0000"
    }
}
