import Logging
import LoupeCore
import LoupeStore
import ServiceLifecycle
import Synchronization

/// Runs the batch ingester: wakes on finalize (or every second, for batches finalized on other
/// nodes or left by a crashed one), and gives its leases back at graceful shutdown.
struct BatchIngestService: Service {
    let ingester: BatchIngester
    let wakeup: WakeSignal
    let isReady: @Sendable () -> Bool
    let logger: Logger

    func run() async throws {
        await ServiceLoop.run(
            isReady: isReady, logger: logger, failure: "batch ingestion failed",
            wait: { await wakeup.wait(upTo: .seconds(1)) }
        ) {
            while try await ingester.processNext() {}
        }
        try? await ingester.store.releaseBatchLeases(owner: ingester.nodeID)
    }
}

/// A cheap "there may be work" flag: `signal()` from a request, `wait(upTo:)` in a service loop.
final class WakeSignal: Sendable {
    private let raised = Atomic<Bool>(false)

    /// Raises the flag.
    func signal() { raised.store(true, ordering: .releasing) }

    /// Returns when the flag is raised (lowering it) or after `limit`, polling every 20 ms.
    func wait(upTo limit: Duration) async {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline && !Task.isCancelled {
            if raised.exchange(false, ordering: .acquiringAndReleasing) { return }
            try? await Task.sleep(for: .milliseconds(20))
        }
    }
}
