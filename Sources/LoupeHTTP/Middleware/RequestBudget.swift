import Synchronization

/// Token buckets that keep one API key, and one organization's keys together, from taking the
/// whole server: each refills at `rate` requests per second up to `burst`. Sessions (people in
/// the browser) are not counted. A rate of 0 turns a budget off.
public final class RequestBudget: Sendable {
    /// A budget's rate and burst.
    public struct Limit: Sendable, Equatable {
        /// Requests per second, sustained.
        public var rate: Double
        /// Requests allowed at once after a quiet spell.
        public var burst: Double

        /// A limit; `burst` defaults to two seconds' worth.
        public init(rate: Double, burst: Double? = nil) {
            self.rate = rate
            self.burst = max(1, burst ?? rate * 2)
        }

        /// Whether the limit applies at all.
        public var isOn: Bool { rate > 0 }
    }

    /// What a refusal tells the caller: the limit, what is left and when to come back.
    public struct Refusal: Error, Sendable, Equatable {
        /// The bucket's size.
        public var limit: Int
        /// Whole seconds until a request would pass.
        public var retryAfter: Int
        /// Which budget ran out: `key` or `organization`.
        public var scope: String
    }

    private struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    private let buckets = Mutex<[String: Bucket]>([:])
    private let perKey: Limit
    private let perOrganization: Limit

    /// Budgets per key and per organization.
    public init(perKey: Limit, perOrganization: Limit) {
        self.perKey = perKey
        self.perOrganization = perOrganization
    }

    /// No budget at all.
    public static let unlimited = RequestBudget(perKey: Limit(rate: 0), perOrganization: Limit(rate: 0))

    /// Takes one request from the key's and the organization's buckets, or refuses (taking nothing).
    func take(keyID: String, organizationID: String) throws(Refusal) {
        guard perKey.isOn || perOrganization.isOn else { return }
        let now = ContinuousClock.now
        let refusal: Refusal? = buckets.withLock { buckets in
            var checked: [(String, Limit, Bucket)] = []
            for (name, limit, scope) in [
                ("k|" + keyID, perKey, "key"), ("o|" + organizationID, perOrganization, "organization"),
            ]
            where limit.isOn {
                var bucket = buckets[name] ?? Bucket(tokens: limit.burst, updated: now)
                let elapsed = now - bucket.updated
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                bucket.tokens = min(limit.burst, bucket.tokens + seconds * limit.rate)
                bucket.updated = now
                guard bucket.tokens >= 1 else {
                    buckets[name] = bucket
                    let wait = Int(((1 - bucket.tokens) / limit.rate).rounded(.up))
                    return Refusal(limit: Int(limit.burst), retryAfter: max(1, wait), scope: scope)
                }
                checked.append((name, limit, bucket))
            }
            for (name, _, var bucket) in checked {
                bucket.tokens -= 1
                buckets[name] = bucket
            }
            return nil
        }
        if let refusal { throw refusal }
    }
}
