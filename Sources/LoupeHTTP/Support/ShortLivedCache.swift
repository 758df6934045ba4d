public import LoupeDomain
public import LoupeStore
import Synchronization

/// Recently read records (API keys and sessions by hash, projects by id), so hot paths do not
/// read the database on every request. Entries live a few seconds (never past a credential's own
/// expiry); a revoke, logout or edit on this node removes its entry at once, other nodes notice
/// within the time to live.
public final class ShortLivedCache<Value: Sendable>: Sendable {
    private struct Entry {
        let value: Value
        let expires: ContinuousClock.Instant
    }

    private let entries = Mutex<[String: Entry]>([:])
    private let timeToLive: Duration
    private let capacity: Int

    /// A cache whose entries live at most `timeToLive`; past `capacity` entries it starts afresh.
    public init(timeToLive: Duration = .seconds(5), capacity: Int = 10_000) {
        self.timeToLive = timeToLive
        self.capacity = capacity
    }

    /// The cached value for `hash` (or id), if fresh.
    func value(hash: String) -> Value? {
        let now = ContinuousClock.now
        return entries.withLock { entries in
            guard let entry = entries[hash] else { return nil }
            guard entry.expires > now else {
                entries[hash] = nil
                return nil
            }
            return entry.value
        }
    }

    /// Remembers a verified credential for the time to live, or less when it expires sooner.
    func store(_ value: Value, hash: String, validFor seconds: Double? = nil) {
        var lifetime = timeToLive
        if let seconds { lifetime = min(lifetime, .milliseconds(Int64(max(0, seconds) * 1_000))) }
        let expires = ContinuousClock.now + lifetime
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll() }
            entries[hash] = Entry(value: value, expires: expires)
        }
    }

    /// Forgets an entry (after a revoke, logout or edit).
    public func remove(hash: String) {
        _ = entries.withLock { $0.removeValue(forKey: hash) }
    }
}

/// Verified API keys.
public typealias APIKeyCache = ShortLivedCache<APIKey>

/// A verified session and its user.
public struct SessionEntry: Sendable {
    /// The session.
    public var session: Session
    /// Its user as it was when verified.
    public var user: User
}

/// Verified sessions.
public typealias SessionCache = ShortLivedCache<SessionEntry>

/// Projects by id, for the work queue's hot paths.
public typealias ProjectCache = ShortLivedCache<Project>

/// The project of each lease this node handed out, by assignment id, so a submit can load its
/// project before it opens the write (an assignment never changes project).
public typealias LeaseProjectCache = ShortLivedCache<String>
