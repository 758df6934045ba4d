import Logging
import LoupeDomain
import LoupeStore
import ServiceLifecycle

/// Returns tasks whose assignment leases ran out to the queue, every few seconds, on every node
/// (the expiring UPDATE is idempotent, so nodes running it at once do no harm).
struct LeaseReaper: Service {
    let store: Store
    let clock: LoupeClock
    let interval: Duration
    let isReady: @Sendable () -> Bool
    let logger: Logger

    func run() async throws {
        await ServiceLoop.run(
            isReady: isReady, logger: logger, failure: "lease reaper failed",
            wait: { try? await Task.sleep(for: interval) }
        ) {
            let expired = try await store.expireLeases(now: clock.now())
            if expired > 0 { logger.info("expired leases", metadata: ["count": "\(expired)"]) }
        }
    }
}
