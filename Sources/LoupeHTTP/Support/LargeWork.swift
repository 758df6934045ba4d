import Foundation
import LoupeDomain
import NIOPosix

/// CPU work too large for the request threads: parsing a large body, checking a large answer.
///
/// Swift's cooperative pool has one thread per core; a handler that computes for 30 ms holds one of
/// them, and on a small machine two such handlers leave no thread for a 1 ms create, which then
/// waits until one finishes. Run here instead, the work is scheduled by the kernel at a slightly
/// lower priority, so short requests keep their latency while large ones share what is left.
public final class LargeWork: Sendable {
    /// One pool for the process, a thread per core.
    public static let shared = LargeWork(threads: ProcessInfo.processInfo.activeProcessorCount)
    /// Bodies and answers of at least this many bytes are worked on here; smaller ones are cheaper
    /// to handle on the spot than to hand over.
    public static let threshold = 64 * 1024

    private let pool: NIOThreadPool

    /// A pool of `threads` threads.
    public init(threads: Int) {
        pool = NIOThreadPool(numberOfThreads: max(1, threads))
        pool.start()
    }

    /// The result of `work`, computed on one of the pool's threads.
    public func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await pool.runIfActive {
            ThreadPriority.lower(to: 5)
            return try work()
        }
    }
}

/// The scheduling priority of the calling thread.
enum ThreadPriority {
    /// Lowers the calling thread's priority to `nice` (0 is normal, 19 the lowest): its work then
    /// takes the CPU the request threads leave rather than an equal share.
    static func lower(to nice: Int32) {
        #if os(Linux)
            // On Linux the nice value is per thread: `who` 0 is the calling thread alone.
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, nice)
        #endif
    }
}
