import LoupeDomain
import Synchronization

/// Recently verified API keys by hash, so a hot path does not read the key table on every
/// request. Entries live a few seconds; a revoke on this node removes its entry at once, and
/// other nodes notice within the time to live.
public final class APIKeyCache: Sendable {
    private struct Entry {
        let key: APIKey
        let expires: ContinuousClock.Instant
    }

    private let entries = Mutex<[String: Entry]>([:])
    private let timeToLive: Duration

    /// A cache whose entries live `timeToLive`.
    public init(timeToLive: Duration = .seconds(5)) { self.timeToLive = timeToLive }

    /// The cached key for `hash`, if fresh.
    func key(hash: String) -> APIKey? {
        let now = ContinuousClock.now
        return entries.withLock { entries in
            guard let entry = entries[hash] else { return nil }
            guard entry.expires > now else {
                entries[hash] = nil
                return nil
            }
            return entry.key
        }
    }

    /// Remembers a verified key.
    func store(_ key: APIKey) {
        let expires = ContinuousClock.now + timeToLive
        entries.withLock { entries in
            if entries.count > 10_000 { entries.removeAll() }
            entries[key.hash] = Entry(key: key, expires: expires)
        }
    }

    /// Forgets a key (after a revoke).
    public func remove(hash: String) {
        _ = entries.withLock { $0.removeValue(forKey: hash) }
    }
}
