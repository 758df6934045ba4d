import Foundation
import Logging
import LoupeCore
import LoupeDomain
import LoupeStore
import ServiceLifecycle

/// The workflow's clocks, every few seconds on every node: expired leases and send-back deadlines
/// return their tasks to the queue, results unreviewed after the project's review time are
/// approved, and uploads abandoned mid-PUT (their node crashed) return to `pending`. Each step is
/// one idempotent transaction, so nodes running it at once do no harm.
struct WorkflowTimers: Service {
    let store: Store
    let clock: LoupeClock
    let interval: Duration
    /// Uploaded files, for the partial files of abandoned uploads.
    let uploads: UploadFiles
    /// Seconds an upload may go unheard of before it counts as abandoned.
    let uploadStaleSeconds: Double
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
            let now = clock.now()
            for batchID in try await store.returnStaleUploads(
                before: now.adding(seconds: -uploadStaleSeconds), now: now)
            {
                try? FileManager.default.removeItem(atPath: uploads.partialPath(for: batchID))
                logger.warning("an abandoned upload returned to pending", metadata: ["batch": "\(batchID)"])
            }
        }
    }
}
