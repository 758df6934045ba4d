import Logging
import ServiceLifecycle
import Synchronization

/// Whether this node is shutting down.
public final class DrainSignal: Sendable {
    private let flag = Atomic<Bool>(false)

    /// A signal that is not raised.
    public init() {}

    /// Whether the node is draining.
    public var isDraining: Bool { flag.load(ordering: .acquiring) }

    /// Raises the signal; it stays raised.
    public func raise() { flag.store(true, ordering: .releasing) }
}

/// The first service to stop on SIGTERM, before the HTTP server: it raises the drain signal
/// (readiness 503, no new leases) and waits `seconds`, so load balancers move traffic away while
/// this node still answers. Then the server stops taking connections and finishes the requests in
/// flight; leases held by workers stay in the database for the reaper (or the worker's submit to
/// another node).
struct DrainGate: Service {
    let signal: DrainSignal
    let seconds: Double
    let logger: Logger

    func run() async throws {
        try await gracefulShutdown()
        signal.raise()
        logger.info("draining: no new leases; stopping in \(seconds) s")
        if seconds > 0 { try? await Task.sleep(for: .milliseconds(Int64(seconds * 1_000))) }
    }
}
