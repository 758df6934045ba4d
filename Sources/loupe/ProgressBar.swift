import Foundation

/// `[#####.....]  45% 450,000/1,000,000  61,203/s  9 s left` on standard error, redrawn at
/// most ten times a second. With no total known it shows the count and the rate only.
final class ProgressBar: @unchecked Sendable {
    /// What is counted.
    enum Unit {
        /// Things (tasks), named in the line.
        case items(String)
        /// Bytes, shown in MB.
        case bytes
    }

    private var total: Int
    private let enabled: Bool
    private let unit: Unit
    private let started = Date()
    private var lastDrawn = Date.distantPast

    /// A bar towards `total` (0 when unknown), drawn only when `enabled` (not when writing to a pipe).
    init(total: Int, enabled: Bool, unit: Unit = .items("tasks")) {
        self.total = total
        self.enabled = enabled
        self.unit = unit
    }

    /// Shows `done` so far (at most ten times a second, and always when it reaches the total).
    func show(_ done: Int) {
        guard enabled else { return }
        let now = Date()
        guard now.timeIntervalSince(lastDrawn) >= 0.1 || (total > 0 && done >= total) else { return }
        lastDrawn = now
        let seconds = max(now.timeIntervalSince(started), 0.001)
        let rate = Double(done) / seconds
        var line = "\r"
        if total > 0 {
            let percent = min(100, done * 100 / total)
            let filled = percent / 4
            line += "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: 25 - filled) + "] "
            line += String(format: "%3d%% ", percent) + "\(format(done))/\(format(total))"
        } else {
            line += format(done)
        }
        line += "  \(format(Int(rate)))/s"
        if total > 0, rate > 0, done < total {
            line += "  \(Int((Double(total - done) / rate).rounded(.up))) s left"
        }
        FileHandle.standardError.write(Data((line + "   ").utf8))
    }

    /// Ends the line.
    func finish() { if enabled { FileHandle.standardError.write(Data("\n".utf8)) } }

    /// `1234567` as `1,234,567`.
    static func grouped(_ count: Int) -> String {
        let digits = Array(String(count))
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0, digit != "-" { text.append(",") }
            text.append(digit)
        }
        return text
    }

    private func format(_ count: Int) -> String {
        switch unit {
        case .items: Self.grouped(count)
        case .bytes: String(format: "%.1f MB", Double(count) / 1_048_576)
        }
    }
}
