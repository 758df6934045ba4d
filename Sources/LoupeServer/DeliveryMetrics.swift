import LoupeDomain
import LoupeStore
import Prometheus

/// Webhook attempts as Prometheus series, per node: how many ended each way, how long the receiver
/// took, and how long after the event was made it was delivered.
struct DeliveryMetrics: Sendable {
    private let attempts: [String: Counter]
    private let durations: [String: DurationHistogram]
    private let lag: DurationHistogram

    private static let outcomes = ["delivered", "retry", "final"]

    /// Series registered in `registry`.
    init(registry: PrometheusCollectorRegistry) {
        let attemptBuckets: [Duration] = [
            .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
            .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(15),
        ]
        let lagBuckets: [Duration] = [
            .milliseconds(10), .milliseconds(50), .milliseconds(100), .milliseconds(500), .seconds(1), .seconds(5),
            .seconds(30), .seconds(60), .seconds(300), .seconds(1_800), .seconds(3_600), .seconds(86_400),
        ]
        var attempts: [String: Counter] = [:]
        var durations: [String: DurationHistogram] = [:]
        for outcome in Self.outcomes {
            attempts[outcome] = registry.makeCounter(
                name: "loupe_webhook_attempts_total", labels: [("outcome", outcome)])
            durations[outcome] = registry.makeDurationHistogram(
                name: "loupe_webhook_attempt_duration_seconds", labels: [("outcome", outcome)], buckets: attemptBuckets)
        }
        self.attempts = attempts
        self.durations = durations
        lag = registry.makeDurationHistogram(
            name: "loupe_webhook_delivery_lag_seconds", labels: [], buckets: lagBuckets)
    }

    /// Records one ended attempt.
    func record(_ outcome: DeliveryOutcome) {
        let name =
            switch outcome.verdict {
            case .delivered: "delivered"
            case .retry: "retry"
            case .final: "final"
            }
        attempts[name]?.increment()
        durations[name]?.record(.microseconds(outcome.attempt.latencyMicroseconds))
        if outcome.verdict == .delivered {
            let ended = outcome.attempt.startedAt.microseconds + outcome.attempt.latencyMicroseconds
            lag.record(.microseconds(max(0, ended - outcome.event.createdAt.microseconds)))
        }
    }
}
