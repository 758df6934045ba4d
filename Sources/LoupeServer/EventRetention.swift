import Logging
import LoupeDomain
import LoupeStore
import ServiceLifecycle

/// Keeps the outbox from growing forever: every ten minutes, delivered events older than the
/// retention period go, with their delivery logs. Dead letters stay until someone resends them.
struct EventRetention: Service {
    let store: Store
    let clock: LoupeClock
    let retentionDays: Double
    let isReady: @Sendable () -> Bool
    let logger: Logger

    func run() async throws {
        await ServiceLoop.run(
            isReady: isReady, logger: logger, failure: "purging delivered events failed",
            wait: { try? await Task.sleep(for: .seconds(600)) }
        ) {
            let cutoff = clock.now().adding(seconds: -retentionDays * 86_400)
            var purged = 0
            while true {
                let batch = try await store.purgeDeliveredEvents(deliveredBefore: cutoff)
                purged += batch
                if batch == 0 || Task.isCancelled { break }
            }
            if purged > 0 { logger.info("purged delivered events", metadata: ["count": "\(purged)"]) }
        }
    }
}
