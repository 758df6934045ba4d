import Logging
import ServiceLifecycle

/// The loop every background service runs: once the server is ready, do the work, wait, repeat,
/// until graceful shutdown; failures are logged and the loop goes on.
enum ServiceLoop {
    static func run(
        isReady: @escaping @Sendable () -> Bool, logger: Logger, failure: String,
        wait: @escaping @Sendable () async -> Void,
        _ work: @escaping @Sendable () async throws -> Void
    ) async {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                if isReady() {
                    do {
                        try await work()
                    } catch is CancellationError {
                        break
                    } catch {
                        logger.error("\(failure)", metadata: ["error": "\(error)"])
                    }
                }
                await wait()
            }
        }
    }
}
