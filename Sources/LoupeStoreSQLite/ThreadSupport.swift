import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension NSCondition {
    /// Runs `change` under the lock, then wakes one waiting thread.
    func signalling(_ change: () -> Void) {
        lock()
        change()
        signal()
        unlock()
    }

    /// Runs `change` under the lock, then wakes every waiting thread.
    func broadcasting(_ change: () -> Void) {
        lock()
        change()
        broadcast()
        unlock()
    }
}

/// Starts a thread named `name` (for debuggers and profilers) running `body`.
func startThread(named name: String, _ body: @escaping @Sendable () -> Void) {
    let thread = Thread(block: body)
    thread.name = name
    thread.start()
}

/// Asks for a slightly higher priority for the calling thread (nice −5), for the threads that
/// every write waits on: request handlers must not preempt them. Best effort: an unprivileged
/// process may not raise priority, and the thread works without it.
func raiseCurrentThreadPriority() {
    #if canImport(Glibc)
        // On Linux, "process" 0 is the calling thread.
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, -5)
    #endif
}
