import Logging
import LoupeDomain
import LoupeStore
import ServiceLifecycle

/// The workflow's clocks, every few seconds on every node: expired leases and send-back deadlines
/// return their tasks to the queue, and results unreviewed after the project's review time are
/// approved. Each step is one idempotent transaction, so nodes running it at once do no harm.
struct WorkflowTimers: Service {
    let store: Store
    let clock: LoupeClock
    let interval: Duration
    let isReady: @Sendable () -> Bool
    let logger: Logger

    func run() async throws {
        await ServiceLoop.run(
            isReady: isReady, logger: logger, failure: "workflow timers failed",
            wait: { try? await Task.sleep(for: interval) }
        ) {
            let expired = try await store.expireLeases(now: clock.now())
            if expired > 0 { logger.info("expired leases", metadata: ["count": "\(expired)"]) }
            let approved = try await store.autoApproveDueReviews(now: clock.now())
            if approved > 0 { logger.info("auto-approved reviews", metadata: ["tasks": "\(approved)"]) }
        }
    }
}
