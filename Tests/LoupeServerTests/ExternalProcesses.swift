import Foundation
import Synchronization
import LoupeServer
import LoupeTestSupport

/// Child processes the compatibility and browser tests drive: scripts, installers and a fresh
/// `loupe serve`.
enum ExternalProcess {
    /// Foundation's `Process.run()` is not safe to call from several threads at once on Linux (a
    /// crash in its memcpy was seen with parallel tests): every child starts under one lock.
    static let launching = Mutex(())

    /// Starts `process` while no other test starts one.
    static func launch(_ process: Process) throws {
        try launching.withLock { _ in try process.run() }
    }

    /// Runs `executable` with `arguments` (stdin empty, stdout and stderr together); returns its
    /// exit status (128 + the signal when one ended it) and output.
    ///
    /// This uses `posix_spawn` directly: Foundation's `Process.run()` crashed in a `memcpy` now and
    /// then while the parallel tests started and reaped many children, even one at a time.
    ///
    /// The wait happens on a dispatch queue, off Swift's cooperative threads: blocking one of
    /// those for the seconds a child runs (the browser test, a command line test) starved the test
    /// process's in-process servers and webhook sinks.
    /// One such child runs at a time (the others wait suspended): the browser, the official
    /// clients and the command line tests together loaded the machine enough to delay webhook
    /// retries past the PostgreSQL suite's deadlines.
    static func run(_ executable: String, _ arguments: [String]) async throws -> (Int32, String) {
        await slot.acquire()
        defer { Task { await slot.release() } }
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try runSynchronously(executable, arguments) })
            }
        }
    }

    private static let slot = RunSlot()

    /// `run` on the calling thread: only for a quick command where no `await` is possible
    /// (a `static let`, a `defer`).
    static func runSynchronously(_ executable: String, _ arguments: [String]) throws -> (Int32, String) {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw POSIXError(.EMFILE) }
        // Only the child's copies, made by dup2, stay open across exec.
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, ends[1], 1)
        posix_spawn_file_actions_adddup2(&actions, ends[1], 2)
        if let closeFrom = Self.closeFrom { _ = closeFrom(&actions, 3) }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid = pid_t()
        // Under the lock Foundation's launches take: its Process.run() crashed in a memcpy while
        // another child was being spawned.
        let spawned = launching.withLock { _ in posix_spawn(&pid, executable, &actions, nil, argv, environ) }
        close(ends[1])
        guard spawned == 0 else {
            close(ends[0])
            throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .ENOENT)
        }
        let reader = FileHandle(fileDescriptor: ends[0], closeOnDealloc: true)
        let output = readToEnd(reader)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let code: Int32 = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + status & 0x7F
        return (code, String(decoding: output, as: UTF8.self))
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+), which Swift does not import:
    /// the child gets none of the test run's other descriptors.
    private static let closeFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? =
        dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np").map {
            unsafeBitCast(
                $0, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
        }

    /// The next bytes `handle` gives (waiting for some; empty at the end of the file). A read that a
    /// signal interrupts is retried: Foundation's `availableData` and `readDataToEndOfFile()` trap
    /// on EINTR, which a child exiting during parallel tests can cause.
    static func readChunk(_ handle: FileHandle) -> Data {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(handle.fileDescriptor, $0.baseAddress, $0.count) }
            if count >= 0 { return Data(buffer[0..<count]) }
            if errno != EINTR { return Data() }
        }
    }

    /// Everything `handle` gives until the end of the file.
    static func readToEnd(_ handle: FileHandle) -> Data {
        var data = Data()
        while true {
            let chunk = readChunk(handle)
            if chunk.isEmpty { return data }
            data.append(chunk)
        }
    }

    /// Runs `python3` with `arguments`; returns its exit status and output.
    static func python(_ arguments: [String]) async throws -> (Int32, String) {
        try await run("/usr/bin/env", ["python3"] + arguments)
    }
}

extension ServerProcess {
    /// A `loupe serve` on a fresh test database with the suite's keys, the admin password
    /// `admin-password-123`, private callback targets allowed, and `extra` settings.
    static func startFresh(_ extra: [String: String] = [:]) async throws -> ServerProcess {
        let configuration = try await TestDatabase.freshConfiguration()
        var environment = [
            "LOUPE_DATA_DIR": configuration.dataDirectory, "LOUPE_API_KEY": TestDatabase.liveKey,
            "LOUPE_TEST_API_KEY": TestDatabase.testKey, "LOUPE_ADMIN_PASSWORD": "admin-password-123",
            "LOUPE_RATE_LIMIT_KEY": "0", "LOUPE_RATE_LIMIT_ORG": "0", "LOUPE_PASSWORD_COST": "4",
            "LOUPE_LOG_LEVEL": "critical", "LOUPE_ALLOW_PRIVATE_CALLBACKS": "1",
        ]
        if let url = configuration.databaseURL { environment["LOUPE_DATABASE_URL"] = url }
        return try await start(environment: environment.merging(extra) { $1 })
    }
}

/// One holder at a time; waiting holders are suspended, not blocked.
private actor RunSlot {
    private var held = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        guard held else {
            held = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty { held = false } else { waiting.removeFirst().resume() }
    }
}
