import Logging
import LoupeCore
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

/// Runs the test-mode synthetic worker: a pass whenever there may be test-mode work, twice a second.
struct SyntheticWorkerService: Service {
    let worker: SyntheticWorker
    let isReady: @Sendable () -> Bool
    let logger: Logger

    func run() async throws {
        await ServiceLoop.run(
            isReady: isReady, logger: logger, failure: "synthetic worker failed",
            wait: { try? await Task.sleep(for: .milliseconds(500)) }
        ) {
            let submitted = try await worker.runOnce()
            if submitted > 0 { logger.debug("synthetic results", metadata: ["count": "\(submitted)"]) }
        }
    }
}

/// Refits the aggregate strategy's answer models when their projects' judgments have grown.
struct AnswerModelService: Service {
    let models: AnswerModels
    let clock: LoupeClock
    let isReady: @Sendable () -> Bool
    let logger: Logger

    func run() async throws {
        await ServiceLoop.run(
            isReady: isReady, logger: logger, failure: "answer model refit failed",
            wait: { try? await Task.sleep(for: .seconds(10)) }
        ) {
            let refitted = try await models.refitDue(now: clock.now())
            if refitted > 0 { logger.info("refitted answer models", metadata: ["projects": "\(refitted)"]) }
        }
    }
}
