import Synchronization

/// Slows password guessing without letting an attacker lock a user out.
///
/// Failures are counted per e-mail *and client address* (5 in 5 minutes lock that pair out), per
/// address across e-mails (30 in 5 minutes stop a sprayer), and per e-mail from everywhere (100 in
/// a minute, applied only to addresses that have already failed for it, so a distributed guesser
/// is stopped while the user, from a clean address, still logs in). A refusal says how long to
/// wait. The table is bounded: past `capacity` entries it drops expired ones first, then the least
/// recently used that lock nothing, so flooding it with new names cannot clear a lock-out.
public final class LoginThrottle: Sendable {
    /// The limits.
    public struct Limits: Sendable {
        /// Failures of one e-mail from one address before that pair waits out `window`.
        public var perEmailAndAddress = 5
        /// Failures from one address, whatever the e-mail, before it waits out `window`.
        public var perAddress = 30
        /// Failures of one e-mail from all addresses before addresses that failed for it wait out `emailWindow`.
        public var perEmail = 100
        /// How long the first two counts last.
        public var window: Duration = .seconds(300)
        /// How long the e-mail's count lasts (short: it decays quickly).
        public var emailWindow: Duration = .seconds(60)
        /// Entries kept at most.
        public var capacity = 50_000

        /// The defaults.
        public init() {}
    }

    private struct Entry {
        var failures: Int
        var windowStart: ContinuousClock.Instant
        var lastSeen: ContinuousClock.Instant
    }

    private let entries = Mutex<[String: Entry]>([:])
    private let limits: Limits

    /// A throttle with `limits`.
    public init(limits: Limits = Limits()) { self.limits = limits }

    /// Nil when `email` may try from `address` now, else the seconds to wait.
    func retryAfter(email: String, address: String) -> Int? {
        let now = ContinuousClock.now
        return entries.withLock { entries in
            var wait: Duration = .zero
            func check(_ key: String, limit: Int, window: Duration) -> Bool {
                guard let entry = entries[key], now - entry.windowStart < window else { return false }
                if entry.failures >= limit { wait = max(wait, window - (now - entry.windowStart)) }
                return true
            }
            let pair = "p|\(address)|\(email)"
            let failedHere = check(pair, limit: limits.perEmailAndAddress, window: limits.window)
            _ = check("a|\(address)", limit: limits.perAddress, window: limits.window)
            if failedHere { _ = check("e|\(email)", limit: limits.perEmail, window: limits.emailWindow) }
            guard wait > .zero else { return nil }
            return Int(wait.components.seconds) + 1
        }
    }

    /// Counts a failed attempt of `email` from `address`.
    func recordFailure(email: String, address: String) {
        let now = ContinuousClock.now
        entries.withLock { entries in
            for (key, window) in [
                ("p|\(address)|\(email)", limits.window), ("a|\(address)", limits.window),
                ("e|\(email)", limits.emailWindow),
            ] {
                var entry = entries[key] ?? Entry(failures: 0, windowStart: now, lastSeen: now)
                if now - entry.windowStart >= window { entry = Entry(failures: 0, windowStart: now, lastSeen: now) }
                entry.failures += 1
                entry.lastSeen = now
                entries[key] = entry
            }
            if entries.count > limits.capacity { trim(&entries, now: now) }
        }
    }

    /// Forgets the failures of `email` from `address` after a successful login there.
    func recordSuccess(email: String, address: String) {
        _ = entries.withLock { $0.removeValue(forKey: "p|\(address)|\(email)") }
    }

    /// How many entries the table holds (for tests).
    var count: Int { entries.withLock { $0.count } }

    /// Brings the table to 90 % of capacity: expired entries go first, then the least recently
    /// used ones that are not locking anything, and locked ones only if nothing else is left.
    private func trim(_ entries: inout [String: Entry], now: ContinuousClock.Instant) {
        let longest = max(limits.window, limits.emailWindow)
        entries = entries.filter { now - $0.value.windowStart < longest }
        let target = limits.capacity * 9 / 10
        guard entries.count > target else { return }
        func locks(_ key: String, _ entry: Entry) -> Bool {
            switch key.first {
            case "p": entry.failures >= limits.perEmailAndAddress
            case "a": entry.failures >= limits.perAddress
            default: entry.failures >= limits.perEmail
            }
        }
        let ordered = entries.sorted { lhs, rhs in
            let (left, right) = (locks(lhs.key, lhs.value), locks(rhs.key, rhs.value))
            return left != right ? !left : lhs.value.lastSeen < rhs.value.lastSeen
        }
        for (key, _) in ordered.prefix(entries.count - target) { entries[key] = nil }
    }
}

/// Session tokens: `lps_` and 43 random URL-safe characters.
public enum SessionToken {
    /// Marks a bearer credential as a session token rather than an API key.
    public static let prefix = "lps_"
}
