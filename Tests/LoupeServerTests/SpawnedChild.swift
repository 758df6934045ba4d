import Foundation
import Synchronization

/// A long-running child (a `loupe serve`, a Python sink) started with `posix_spawn` under
/// `ExternalProcess.launching`: Foundation's `Process.run()` crashed in a `memcpy` now and then
/// while the parallel suite started many children, even one at a time.
final class SpawnedChild: Sendable {
    /// The child's process id.
    let processIdentifier: pid_t
    /// The read end of its standard output.
    let output: FileHandle
    private let exitStatus = Mutex<Int32?>(nil)

    /// Starts `executable` with `arguments` and `environment`; standard input is empty, standard
    /// error goes to the file at `errorLog` (created) or nowhere.
    init(_ executable: String, _ arguments: [String], environment: [String: String], errorLog: String? = nil) throws {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw POSIXError(.EMFILE) }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, ends[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, errorLog ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        ExternalProcess.closeDescriptors(from: 3, in: &actions)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid = pid_t()
        let spawned = ExternalProcess.launching.withLock { _ in posix_spawn(&pid, executable, &actions, nil, argv, envp)
        }
        close(ends[1])
        guard spawned == 0 else {
            close(ends[0])
            throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .ENOENT)
        }
        processIdentifier = pid
        output = FileHandle(fileDescriptor: ends[0], closeOnDealloc: true)
    }

    /// Whether the child has not exited yet (reaping it if it has).
    var isRunning: Bool { reap(blocking: false) == nil }

    /// Its exit status once it ended (128 + the signal when one ended it).
    var terminationStatus: Int32 { reap(blocking: true) ?? -1 }

    /// SIGTERM.
    func terminate() { kill(processIdentifier, SIGTERM) }

    /// Waits until the child ends.
    func waitUntilExit() { _ = reap(blocking: true) }

    private func reap(blocking: Bool) -> Int32? {
        exitStatus.withLock { known in
            if let known { return known }
            var status: Int32 = 0
            var result: pid_t
            repeat {
                result = waitpid(processIdentifier, &status, blocking ? 0 : WNOHANG)
            } while result == -1 && errno == EINTR
            guard result == processIdentifier else { return nil }
            known = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + status & 0x7F
            return known
        }
    }
}
