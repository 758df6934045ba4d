import Logging
import LoupeCore
import LoupeDomain
import ServiceLifecycle

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
