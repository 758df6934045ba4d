import Foundation

extension NSCondition {
    /// Runs `change` under the lock, then wakes one waiting thread.
    func signalling(_ change: () -> Void) {
        lock()
        change()
        signal()
        unlock()
    }
}
