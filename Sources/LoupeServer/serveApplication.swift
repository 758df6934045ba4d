public import Hummingbird
public import LoupeDomain
import Logging
import ServiceLifecycle
import UnixSignals

/// Builds the server and runs it until SIGTERM or SIGINT. On the signal the node first drains
/// (`configuration.drainSeconds`: readiness 503, no new leases), then stops taking connections,
/// finishes the requests in flight and stops its background services.
public func serveApplication(
    configuration: AppConfiguration, onFirstStart: (@Sendable (FirstStartCredentials) -> Void)? = nil,
    onServerRunning: (@Sendable (_ port: Int) async -> Void)? = nil
) async throws {
    let drain = DrainSignal()
    let app = try await buildApplication(
        configuration: configuration, drain: drain, onFirstStart: onFirstStart, onServerRunning: onServerRunning)
    var logger = Logger(label: "loupe")
    logger.logLevel = configuration.logLevel
    // Services stop in reverse order: the gate first, the application (server, then workers) after.
    let group = ServiceGroup(
        configuration: .init(
            services: [app, DrainGate(signal: drain, seconds: configuration.drainSeconds, logger: logger)],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
    try await group.run()
}
