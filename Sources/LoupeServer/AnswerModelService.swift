import Logging
import LoupeCore
import LoupeDomain
import ServiceLifecycle

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
