import Synchronization

/// Slows password guessing: after `limit` failed logins for one e-mail within `window`, further
/// attempts are refused with 429 until the window has passed.
public final class LoginThrottle: Sendable {
    private struct Record {
        var failures: Int
        var windowStart: ContinuousClock.Instant
    }

    private let records = Mutex<[String: Record]>([:])
    private let limit: Int
    private let window: Duration

    /// A throttle allowing `limit` failures per `window`.
    public init(limit: Int = 5, window: Duration = .seconds(300)) {
        self.limit = limit
        self.window = window
    }

    /// Whether `email` may try now.
    func allows(_ email: String) -> Bool {
        let now = ContinuousClock.now
        return records.withLock { records in
            guard let record = records[email] else { return true }
            if now - record.windowStart > window {
                records[email] = nil
                return true
            }
            return record.failures < limit
        }
    }

    /// Counts a failed attempt.
    func recordFailure(_ email: String) {
        let now = ContinuousClock.now
        records.withLock { records in
            if records.count > 100_000 { records.removeAll() }
            var record = records[email] ?? Record(failures: 0, windowStart: now)
            if now - record.windowStart > window { record = Record(failures: 0, windowStart: now) }
            record.failures += 1
            records[email] = record
        }
    }

    /// Forgets failures after a successful login.
    func recordSuccess(_ email: String) {
        _ = records.withLock { $0.removeValue(forKey: email) }
    }
}

/// Session tokens: `lps_` and 43 random URL-safe characters.
public enum SessionToken {
    /// Marks a bearer credential as a session token rather than an API key.
    public static let prefix = "lps_"
}
