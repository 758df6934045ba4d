import Foundation

/// A task executor with one thread of its own. Work preferring it runs there, one job after
/// another, instead of waiting its turn in the shared pool behind request handlers: the SQLite
/// writer runs on one, so the path every write goes through is never queued behind the rest. The
/// thread asks for a slightly higher priority (granted when the process may raise it) so that the
/// threads it serves do not preempt it. `shutdown()` ends the thread once its queue is empty.
final class DedicatedThreadExecutor: TaskExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var pending: [UnownedJob] = []
    private var stopping = false

    /// Starts the thread, named `name` for debuggers and profilers.
    init(name: String) {
        startThread(named: name) { [self] in serve() }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.signalling { pending.append(job) }
    }

    /// Lets the thread finish what is queued and exit (it holds the executor until then).
    func shutdown() {
        condition.signalling { stopping = true }
    }

    private func serve() {
        raiseCurrentThreadPriority()
        let executor = asUnownedTaskExecutor()
        var batch: [UnownedJob] = []
        while true {
            condition.lock()
            while pending.isEmpty && !stopping { condition.wait() }
            if pending.isEmpty {
                condition.unlock()
                return
            }
            swap(&batch, &pending)
            condition.unlock()
            for job in batch { job.runSynchronously(on: executor) }
            batch.removeAll(keepingCapacity: true)
        }
    }
}
