/// How often and how patiently a failed delivery is retried: exponential backoff from
/// `initialBackoff`, doubled per attempt up to `maxBackoff`, with ±20 % jitter.
public struct RetryPolicy: Sendable, Equatable {
    /// Attempts in all, the first included.
    public var maxAttempts: Int
    /// Wait before the second attempt, in seconds.
    public var initialBackoff: Double
    /// Longest wait between two attempts, in seconds.
    public var maxBackoff: Double

    /// A policy.
    public init(maxAttempts: Int, initialBackoff: Double, maxBackoff: Double) {
        self.maxAttempts = maxAttempts
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
    }

    /// Loupe's default (preset `default`): 5 attempts, 30 s doubling (about 7.5 minutes in all).
    public static let standard = RetryPolicy(maxAttempts: 5, initialBackoff: 30, maxBackoff: 3_600)
    /// A day of patience (preset `day`): 20 attempts over about 24 hours (30 s doubling, capped at
    /// 2 hours).
    public static let day = RetryPolicy(maxAttempts: 20, initialBackoff: 30, maxBackoff: 7_200)

    /// The presets `retry.preset` names. A dialect keeps its vendor's promise through
    /// `TaskDialect.retryPolicy(projectPolicy:)`, not through a preset of its own.
    public static let presets: [(name: String, policy: RetryPolicy)] = [("default", .standard), ("day", .day)]

    /// The wait after failed attempt number `attempt` (1-based), before jitter.
    public func backoff(afterAttempt attempt: Int) -> Double {
        let exponent = Double(max(0, min(attempt - 1, 40)))
        return min(maxBackoff, initialBackoff * pow2(exponent))
    }

    /// The wait after failed attempt `attempt`, with `unit` in 0…1 spreading it by ±20 %, and never
    /// shorter than a receiver's `Retry-After`.
    public func delay(afterAttempt attempt: Int, jitterUnit unit: Double, retryAfter: Double? = nil) -> Double {
        let base = backoff(afterAttempt: attempt) * (0.8 + 0.4 * min(max(unit, 0), 1))
        guard let retryAfter else { return base }
        return max(base, min(retryAfter, 86_400))
    }

    private func pow2(_ exponent: Double) -> Double {
        var value = 1.0
        for _ in 0..<Int(exponent) { value *= 2 }
        return value
    }

    static func parse(_ object: JSONObject, path: String) throws(DomainError) -> RetryPolicy {
        var reader = FieldReader(object, path: path)
        var policy = RetryPolicy.standard
        if let name = try reader.string("preset", maxLength: 20) {
            guard let preset = presets.first(where: { $0.name == name }) else {
                let names = presets.map(\.name).joined(separator: ", ")
                throw DomainError.invalidField(reader.pointer("preset"), "must be one of: \(names)")
            }
            policy = preset.policy
        }
        policy.maxAttempts = try reader.int("max_attempts", in: 1...50) ?? policy.maxAttempts
        policy.initialBackoff = try reader.double("initial_backoff", in: 0.01...86_400) ?? policy.initialBackoff
        policy.maxBackoff =
            try reader.double("max_backoff", in: 0.01...86_400) ?? max(policy.maxBackoff, policy.initialBackoff)
        if policy.maxBackoff < policy.initialBackoff {
            throw DomainError.invalidField(reader.pointer("max_backoff"), "must not be shorter than initial_backoff")
        }
        try reader.rejectUnknownFields()
        return policy
    }
}
